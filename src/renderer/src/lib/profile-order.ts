import type { ProfileView } from '../../../shared/api';

export interface ProfileGroup {
  /** '' for profiles without a group. */
  name: string;
  profiles: ProfileView[];
}

/** Groups in order of first appearance; profiles keep their saved order inside each group. */
export function groupProfiles(profiles: readonly ProfileView[]): ProfileGroup[] {
  const groups = new Map<string, ProfileView[]>();
  for (const profile of profiles) {
    const key = profile.group.trim();
    const list = groups.get(key);
    if (list) list.push(profile);
    else groups.set(key, [profile]);
  }
  return [...groups].map(([name, list]) => ({ name, profiles: list }));
}

/**
 * The saved order after moving one profile up (-1) or down (+1) past its neighbour in the same
 * group (the list is shown grouped). Returns undefined when it cannot move that way.
 */
export function moveProfile(profiles: readonly ProfileView[], id: string, direction: -1 | 1): string[] | undefined {
  const index = profiles.findIndex((profile) => profile.id === id);
  if (index < 0) return undefined;
  const group = profiles[index]!.group.trim();
  let other = index + direction;
  while (other >= 0 && other < profiles.length && profiles[other]!.group.trim() !== group) other += direction;
  if (other < 0 || other >= profiles.length) return undefined;
  const ids = profiles.map((profile) => profile.id);
  ids[index] = ids[other]!;
  ids[other] = id;
  return ids;
}

/** Whether a profile can move that way inside its group. */
export function canMove(profiles: readonly ProfileView[], id: string, direction: -1 | 1): boolean {
  return moveProfile(profiles, id, direction) !== undefined;
}
