import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/api';
import {
  canMove,
  groupPlace,
  groupProfiles,
  moveGroupTo,
  moveItem,
  moveProfile,
  moveProfileTo,
  placeAfterMove,
  stepGroup,
  stepProfile,
} from './profile-order';

const p = (id: string, group = ''): ProfileView => ({
  id,
  name: id,
  host: 'h',
  port: 1,
  protocol: 'rcon',
  dialect: 'auto',
  encoding: 'utf8',
  group,
  color: '',
  quickCommands: [],
  rememberPassword: true,
  hasSavedPassword: false,
});

const list = [p('a', 'EU'), p('b', 'US'), p('c', 'EU'), p('d'), p('e', 'US')];

describe('groupProfiles', () => {
  it('groups in order of first appearance, keeping the saved order inside', () => {
    expect(groupProfiles(list).map((g) => [g.name, g.profiles.map((x) => x.id)])).toEqual([
      ['EU', ['a', 'c']],
      ['US', ['b', 'e']],
      ['', ['d']],
    ]);
  });
});

describe('moveProfile', () => {
  it('swaps with the neighbour in the same group', () => {
    expect(moveProfile(list, 'c', -1)).toEqual(['c', 'b', 'a', 'd', 'e']);
    expect(moveProfile(list, 'b', 1)).toEqual(['a', 'e', 'c', 'd', 'b']);
  });

  it('cannot move past the ends of its group', () => {
    expect(moveProfile(list, 'a', -1)).toBeUndefined();
    expect(moveProfile(list, 'e', 1)).toBeUndefined();
    expect(moveProfile(list, 'd', 1)).toBeUndefined();
    expect(moveProfile(list, 'missing', 1)).toBeUndefined();
    expect(canMove(list, 'a', 1)).toBe(true);
    expect(canMove(list, 'a', -1)).toBe(false);
  });
});

describe('moveProfileTo', () => {
  it('moves inside a group before another profile, and returns the order grouped', () => {
    // Shown as EU [a c], US [b e], '' [d]: c before a.
    expect(moveProfileTo(list, 'c', 'EU', 'a')).toEqual({ ids: ['c', 'a', 'b', 'e', 'd'] });
    expect(moveProfileTo(list, 'a', 'EU')).toEqual({ ids: ['c', 'a', 'b', 'e', 'd'] });
  });

  it('moves into another group, naming the new group', () => {
    expect(moveProfileTo(list, 'a', 'US', 'e')).toEqual({ ids: ['c', 'b', 'a', 'e', 'd'], group: 'US' });
    expect(moveProfileTo(list, 'd', 'EU')).toEqual({ ids: ['a', 'c', 'd', 'b', 'e'], group: 'EU' });
    expect(moveProfileTo(list, 'a', '', 'd')).toEqual({ ids: ['c', 'b', 'e', 'a', 'd'], group: '' });
  });

  it('drops a group its last profile leaves', () => {
    const moved = moveProfileTo(list, 'd', 'US', 'b')!;
    expect(moved).toEqual({ ids: ['a', 'c', 'd', 'b', 'e'], group: 'US' });
  });

  it('says when nothing changes or an id is unknown', () => {
    const grouped = [p('a', 'EU'), p('c', 'EU'), p('b', 'US')];
    expect(moveProfileTo(grouped, 'a', 'EU', 'c')).toBeUndefined();
    expect(moveProfileTo(grouped, 'c', 'EU')).toBeUndefined();
    expect(moveProfileTo(grouped, 'a', 'EU', 'a')).toBeUndefined();
    expect(moveProfileTo(grouped, 'x', 'EU')).toBeUndefined();
    expect(moveProfileTo(grouped, 'a', 'Nowhere')).toBeUndefined();
    expect(moveProfileTo(grouped, 'a', 'US', 'c')).toBeUndefined();
  });
});

describe('stepProfile', () => {
  it('steps past the neighbour inside the group', () => {
    expect(stepProfile(list, 'a', 1)).toEqual({ ids: ['c', 'a', 'b', 'e', 'd'] });
    expect(stepProfile(list, 'e', -1)).toEqual({ ids: ['a', 'c', 'e', 'b', 'd'] });
  });

  it('crosses into the next group at a group edge, and stops at the ends of the list', () => {
    expect(stepProfile(list, 'c', 1)).toEqual({ ids: ['a', 'c', 'b', 'e', 'd'], group: 'US' });
    expect(stepProfile(list, 'b', -1)).toEqual({ ids: ['a', 'c', 'b', 'e', 'd'], group: 'EU' });
    expect(stepProfile(list, 'd', -1)).toEqual({ ids: ['a', 'c', 'b', 'e', 'd'], group: 'US' });
    expect(stepProfile(list, 'a', -1)).toBeUndefined();
    expect(stepProfile(list, 'd', 1)).toBeUndefined();
  });
});

describe('moveGroupTo and stepGroup', () => {
  it('moves a whole group, keeping the order inside each group', () => {
    expect(moveGroupTo(list, 'US', 'EU')).toEqual(['b', 'e', 'a', 'c', 'd']);
    expect(moveGroupTo(list, 'EU')).toEqual(['b', 'e', 'd', 'a', 'c']);
    expect(moveGroupTo(list, '', 'US')).toEqual(['a', 'c', 'd', 'b', 'e']);
  });

  it('steps a group up or down, and stops at the ends', () => {
    expect(stepGroup(list, 'EU', 1)).toEqual(['b', 'e', 'a', 'c', 'd']);
    expect(stepGroup(list, '', -1)).toEqual(['a', 'c', 'd', 'b', 'e']);
    expect(stepGroup(list, 'EU', -1)).toBeUndefined();
    expect(stepGroup(list, '', 1)).toBeUndefined();
    expect(stepGroup(list, 'Nowhere', 1)).toBeUndefined();
  });

  it('says when a group stays where it is', () => {
    const grouped = [p('a', 'EU'), p('b', 'US')];
    expect(moveGroupTo(grouped, 'EU', 'US')).toBeUndefined();
    expect(moveGroupTo(grouped, 'US')).toBeUndefined();
    expect(moveGroupTo(grouped, 'EU', 'EU')).toBeUndefined();
  });
});

describe('moveItem', () => {
  it('moves one item, clamping the target, and keeps the array when nothing moves', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    const same = ['a', 'b'];
    expect(moveItem(same, 1, 1)).toBe(same);
    expect(moveItem(same, 5, 0)).toBe(same);
  });
});

describe('placeAfterMove and groupPlace', () => {
  it('say where a moved profile or group now stands', () => {
    expect(placeAfterMove(list, 'c', stepProfile(list, 'c', 1)!)).toBe('US, 1 of 3');
    expect(placeAfterMove(list, 'a', stepProfile(list, 'a', 1)!)).toBe('EU, 2 of 2');
    expect(placeAfterMove(list, 'd', stepProfile(list, 'd', -1)!)).toBe('US, 3 of 3');
    expect(groupPlace(list, stepGroup(list, 'EU', 1)!, 'EU')).toBe('group 2 of 3');
  });
});
