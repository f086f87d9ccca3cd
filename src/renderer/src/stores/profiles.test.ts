import { describe, expect, it } from 'vitest';
import { ApiError, type ProfileDraft } from '../../../shared/api';
import { FakeApi } from '../testing/fake-api';
import { createProfilesStore } from './profiles';
import { profileDraft } from '../../../shared/profile-defaults';

// The stores are tested against FakeApi, an in-memory RconDeskApi: acceptable at this unit level.
// tests/e2e/ runs the same stores against the real services through the real bridge.

function setup() {
  const api = new FakeApi();
  const store = createProfilesStore(api);
  return { api, store, state: () => store.getState() };
}

describe('profiles store', () => {
  it('loads profiles, keychain status and the load report, and selects the first profile', async () => {
    const { api, state } = setup();
    api.addProfile({ id: 'a' });
    api.addProfile({ id: 'b' });
    api.keychain = { available: false, reason: 'No secret service' };
    api.report = { ok: false, problem: 'Bad JSON', backupPath: '/tmp/profiles.json.bak' };
    await state().load();
    expect(state().loaded).toBe(true);
    expect(state().profiles.map((p) => p.id)).toEqual(['a', 'b']);
    expect(state().selectedId).toBe('a');
    expect(state().keychain).toEqual({ available: false, reason: 'No secret service' });
    expect(state().loadReport?.backupPath).toBe('/tmp/profiles.json.bak');
  });

  it('reports a failed load in words and a failed keychain probe as unavailable', async () => {
    const { api, state } = setup();
    api.failNext.set('listProfiles', new ApiError({ kind: 'internal', message: 'disk on fire' }));
    api.failNext.set('keychainStatus', new ApiError({ kind: 'keychain', message: 'no bus' }));
    await state().load();
    expect(state().loadError).toBe('disk on fire');
    expect(state().keychain).toEqual({ available: false, reason: 'no bus' });
  });

  it('save adds or replaces and selects the saved profile; errors reach the caller', async () => {
    const { api, state } = setup();
    await state().load();
    const draft: ProfileDraft = profileDraft({ name: 'New', host: 'example.com', port: 27015 });
    const created = await state().save({ profile: draft, password: { kind: 'set', password: 'pw' } });
    expect(state().profiles.map((p) => p.name)).toEqual(['New']);
    expect(state().selectedId).toBe(created.id);
    expect(created.hasSavedPassword).toBe(true);

    await state().save({ id: created.id, profile: { ...draft, name: 'Renamed' }, password: { kind: 'keep' } });
    expect(state().profiles.map((p) => p.name)).toEqual(['Renamed']);

    api.failNext.set('saveProfile', new ApiError({ kind: 'validation', message: 'Name is empty.' }));
    await expect(state().save({ profile: draft, password: { kind: 'keep' } })).rejects.toThrow('Name is empty.');
  });

  it('duplicate reloads the order and selects the copy', async () => {
    const { api, state } = setup();
    api.addProfile({ id: 'a' });
    api.addProfile({ id: 'b' });
    await state().load();
    const copy = await state().duplicate('a');
    expect(state().profiles.map((p) => p.id)).toEqual(['a', copy.id, 'b']);
    expect(state().selectedId).toBe(copy.id);
  });

  it('remove drops the profile and selects its neighbour', async () => {
    const { api, state } = setup();
    api.addProfile({ id: 'a' });
    api.addProfile({ id: 'b' });
    api.addProfile({ id: 'c' });
    await state().load();
    state().select('b');
    await state().remove('b');
    expect(api.calls).toContainEqual(['deleteProfile', 'b']);
    expect(state().profiles.map((p) => p.id)).toEqual(['a', 'c']);
    expect(state().selectedId).toBe('c');
  });

  it('move reorders inside the group, and rolls back when saving the order fails', async () => {
    const { api, state } = setup();
    api.addProfile({ id: 'a', group: 'EU' });
    api.addProfile({ id: 'b', group: 'US' });
    api.addProfile({ id: 'c', group: 'EU' });
    await state().load();
    await state().move('c', -1);
    expect(api.calls).toContainEqual(['reorderProfiles', ['c', 'b', 'a']]);
    expect(state().profiles.map((p) => p.id)).toEqual(['c', 'b', 'a']);

    await state().move('c', -1); // already first in its group: nothing to do
    expect(api.calls.filter((c) => c[0] === 'reorderProfiles')).toHaveLength(1);

    api.failNext.set('reorderProfiles', new ApiError({ kind: 'internal', message: 'nope' }));
    await expect(state().move('c', 1)).rejects.toThrow('nope');
    expect(state().profiles.map((p) => p.id)).toEqual(['c', 'b', 'a']);
  });

  it('reorder saves a new group first, then the order, and shows both at once', async () => {
    const { api, state } = setup();
    api.addProfile({ id: 'a', group: 'EU' });
    api.addProfile({ id: 'b', group: 'US' });
    await state().load();
    const saving = state().reorder(['b', 'a'], { id: 'a', group: 'US' });
    expect(state().profiles.map((p) => [p.id, p.group])).toEqual([
      ['b', 'US'],
      ['a', 'US'],
    ]);
    await saving;
    const calls = api.calls.filter((c) => c[0] === 'saveProfile' || c[0] === 'reorderProfiles');
    expect(calls.map((c) => c[0])).toEqual(['saveProfile', 'reorderProfiles']);
    expect(calls[0]![1]).toMatchObject({ id: 'a', profile: { group: 'US' }, password: { kind: 'keep' } });
    expect((await api.listProfiles()).map((p) => [p.id, p.group])).toEqual([
      ['b', 'US'],
      ['a', 'US'],
    ]);
  });

  it('reorder takes the saved list back when saving fails', async () => {
    const { api, state } = setup();
    api.addProfile({ id: 'a', group: 'EU' });
    api.addProfile({ id: 'b', group: 'US' });
    await state().load();
    api.failNext.set('saveProfile', new ApiError({ kind: 'validation', message: 'bad group' }));
    await expect(state().reorder(['b', 'a'], { id: 'a', group: 'US' })).rejects.toThrow('bad group');
    expect(state().profiles.map((p) => [p.id, p.group])).toEqual([
      ['a', 'EU'],
      ['b', 'US'],
    ]);
  });
});
