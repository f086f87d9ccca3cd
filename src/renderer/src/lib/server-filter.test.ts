import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/api';
import { profileDraft } from '../../../shared/profile-defaults';
import { filterProfiles } from './server-filter';

const p = (id: string, fields: Partial<ProfileView>): ProfileView => ({
  id,
  ...profileDraft({ name: id, host: '127.0.0.1', port: 27015 }),
  hasSavedPassword: false,
  ...fields,
});

const list = [
  p('Alpha', { group: 'Competitive', game: 'cs2' }),
  p('Survival', { host: 'mc.example.org', port: 25575, game: 'minecraft' }),
  p('Staging', { group: 'Test boxes', host: '10.0.0.5' }),
];
const names = (query: string) => filterProfiles(list, query).map((profile) => profile.id);

describe('filterProfiles', () => {
  it('keeps everything for a blank query', () => {
    expect(names('')).toEqual(['Alpha', 'Survival', 'Staging']);
    expect(names('   ')).toEqual(['Alpha', 'Survival', 'Staging']);
  });

  it('finds by name, host, port, group and game, ignoring case', () => {
    expect(names('alp')).toEqual(['Alpha']);
    expect(names('EXAMPLE.org')).toEqual(['Survival']);
    expect(names(':25575')).toEqual(['Survival']);
    expect(names('test box')).toEqual(['Staging']);
    expect(names('counter-strike')).toEqual(['Alpha']);
    expect(names('minecraft')).toEqual(['Survival']);
  });

  it('needs every word to match somewhere, and may match none', () => {
    expect(names('competitive cs2')).toEqual(['Alpha']);
    expect(names('competitive minecraft')).toEqual([]);
    expect(names('nothing-like-this')).toEqual([]);
  });
});
