import type { ProfileView } from '../../../shared/api';
import { GAME_PRESETS } from '../../../shared/game-presets';

/** The text a server is found by: name, host (with port), group and game (its id and its name). */
function haystack(profile: ProfileView): string {
  const preset = GAME_PRESETS.find((candidate) => candidate.id === profile.game);
  const game = preset ? `${preset.id} ${preset.name}` : '';
  return `${profile.name}\n${profile.host}:${profile.port}\n${profile.group}\n${game}`.toLowerCase();
}

/** The profiles matching every word of the query (in any field), in their order; all for a blank query. */
export function filterProfiles(profiles: readonly ProfileView[], query: string): ProfileView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...profiles];
  return profiles.filter((profile) => {
    const text = haystack(profile);
    return words.every((word) => text.includes(word));
  });
}
