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

/** A new saved order, and the group the moved profile ends up in (its `group` field when it changed). */
export interface ProfileMove {
  ids: string[];
  /** Set when the profile changes group: the name to save it under. */
  group?: string;
}

function flatten(groups: readonly ProfileGroup[]): string[] {
  return groups.flatMap((group) => group.profiles.map((profile) => profile.id));
}

/**
 * Moves a profile into `group` (the trimmed name as the list shows it, '' for none), before the
 * profile `beforeId` of that group, or to the group's end. The order comes back grouped: the
 * groups in the order of their first profile, which is how the list shows them. Undefined when
 * nothing would change or an id is unknown.
 */
export function moveProfileTo(
  profiles: readonly ProfileView[],
  id: string,
  group: string,
  beforeId?: string,
): ProfileMove | undefined {
  const moving = profiles.find((profile) => profile.id === id);
  if (!moving || beforeId === id) return undefined;
  const groups = groupProfiles(profiles).map((g) => ({
    name: g.name,
    profiles: g.profiles.filter((p) => p !== moving),
  }));
  const target = groups.find((g) => g.name === group);
  if (!target) return undefined;
  const at = beforeId === undefined ? target.profiles.length : target.profiles.findIndex((p) => p.id === beforeId);
  if (at < 0) return undefined;
  target.profiles.splice(at, 0, moving);
  const ids = flatten(groups.filter((g) => g.profiles.length > 0));
  const changedGroup = moving.group.trim() !== group;
  if (!changedGroup && ids.every((pid, index) => pid === profiles[index]?.id)) return undefined;
  return changedGroup ? { ids, group } : { ids };
}

/**
 * One step up (-1) or down (+1) for the keyboard: past the neighbour inside the group, and from a
 * group's edge into the next group (its end going up, its start going down). Undefined at the ends.
 */
export function stepProfile(profiles: readonly ProfileView[], id: string, direction: -1 | 1): ProfileMove | undefined {
  const groups = groupProfiles(profiles);
  const groupIndex = groups.findIndex((g) => g.profiles.some((p) => p.id === id));
  if (groupIndex < 0) return undefined;
  const group = groups[groupIndex]!;
  const index = group.profiles.findIndex((p) => p.id === id);
  if (index + direction >= 0 && index + direction < group.profiles.length) {
    // Down: before the profile after the next one (or to the end); up: before the previous one.
    const before = group.profiles[direction === 1 ? index + 2 : index - 1];
    return moveProfileTo(profiles, id, group.name, before?.id);
  }
  const next = groups[groupIndex + direction];
  if (!next) return undefined;
  return moveProfileTo(profiles, id, next.name, direction === 1 ? next.profiles[0]?.id : undefined);
}

/** Moves a whole group before the group `beforeName`, or to the end; undefined when nothing changes. */
export function moveGroupTo(profiles: readonly ProfileView[], name: string, beforeName?: string): string[] | undefined {
  const groups = groupProfiles(profiles);
  const moving = groups.find((g) => g.name === name);
  if (!moving || beforeName === name) return undefined;
  const rest = groups.filter((g) => g !== moving);
  const at = beforeName === undefined ? rest.length : rest.findIndex((g) => g.name === beforeName);
  if (at < 0) return undefined;
  rest.splice(at, 0, moving);
  const ids = flatten(rest);
  return ids.every((pid, index) => pid === profiles[index]?.id) ? undefined : ids;
}

/** A group one place up (-1) or down (+1) among the groups; undefined at the ends. */
export function stepGroup(profiles: readonly ProfileView[], name: string, direction: -1 | 1): string[] | undefined {
  const names = groupProfiles(profiles).map((g) => g.name);
  const index = names.indexOf(name);
  if (index < 0 || index + direction < 0 || index + direction >= names.length) return undefined;
  // Down: before the group after the next one (or to the end); up: before the previous one.
  return moveGroupTo(profiles, name, direction === 1 ? names[index + 2] : names[index - 1]);
}

/** `list` with the item at `from` moved to index `to` (clamped); the same array when nothing moves. */
export function moveItem<T>(list: readonly T[], from: number, to: number): readonly T[] {
  const target = Math.max(0, Math.min(list.length - 1, to));
  if (from < 0 || from >= list.length || from === target) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(target, 0, item!);
  return copy;
}

/** Where a profile stands after a move, in words for screen readers ("EU, 2 of 3"). */
export function placeAfterMove(profiles: readonly ProfileView[], id: string, move: ProfileMove): string {
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const moved = move.ids.flatMap((pid) => {
    const profile = byId.get(pid);
    if (!profile) return [];
    return [pid === id && move.group !== undefined ? { ...profile, group: move.group } : profile];
  });
  const group = groupProfiles(moved).find((g) => g.profiles.some((profile) => profile.id === id));
  if (!group) return '';
  const index = group.profiles.findIndex((profile) => profile.id === id);
  return `${group.name || 'Ungrouped'}, ${index + 1} of ${group.profiles.length}`;
}

/** Where a group stands in a saved order, in words ("group 2 of 3"). */
export function groupPlace(profiles: readonly ProfileView[], ids: readonly string[], name: string): string {
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const names = groupProfiles(ids.flatMap((pid) => (byId.has(pid) ? [byId.get(pid)!] : []))).map((g) => g.name);
  return `group ${names.indexOf(name) + 1} of ${names.length}`;
}
