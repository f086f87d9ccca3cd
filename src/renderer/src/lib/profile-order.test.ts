import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/api';
import { canMove, groupProfiles, moveProfile } from './profile-order';

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
