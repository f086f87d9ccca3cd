import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppOrigin } from '../../src/main/app-origin';
import { DEMO_PROFILE_NAME, PasswordFallbackSource, ensureDemoProfile, parseDemoSpec } from '../../src/main/demo';
import { ValidationError } from '../../src/main/services/errors';
import { ProfileStore } from '../../src/main/services/profile-store';
import { CONTENT_SECURITY_POLICY, developmentContentSecurityPolicy } from '../../src/shared/csp';
import { MemorySecretStore, removeDir, tempDir } from './helpers';

describe('AppOrigin', () => {
  const rendererFile = join('/opt/rcon-desk/resources/app/out/renderer/index.html');

  it('trusts only the built page when there is no dev server', () => {
    const origin = new AppOrigin({ rendererFile });
    const page = pathToFileURL(rendererFile).href;
    expect(origin.isAppPage(page)).toBe(true);
    expect(origin.isAppPage(`${page}#/settings`)).toBe(true);
    expect(origin.isAppPage(pathToFileURL('/tmp/evil.html').href)).toBe(false);
    expect(origin.isAppPage('file://evil-host/opt/rcon-desk/resources/app/out/renderer/index.html')).toBe(false);
    expect(origin.isAppPage('https://example.com/')).toBe(false);
    expect(origin.isAppPage('http://localhost:5173/')).toBe(false);
    expect(origin.isAppPage('not a url')).toBe(false);
  });

  it('trusts only the dev server origin while developing', () => {
    const origin = new AppOrigin({ rendererFile, devServerUrl: 'http://localhost:5173/' });
    expect(origin.devServer).toBe('http://localhost:5173');
    expect(origin.isAppPage('http://localhost:5173/index.html')).toBe(true);
    expect(origin.isAppPage('http://localhost:5174/')).toBe(false);
    expect(origin.isAppPage('http://localhost.evil.com:5173/')).toBe(false);
    expect(origin.isAppPage(pathToFileURL(rendererFile).href)).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows nothing remote and no inline scripts in a build', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
  });

  it('relaxes only what the dev server needs', () => {
    const policy = developmentContentSecurityPolicy('http://localhost:5173');
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
  });
});

describe('demo profile', () => {
  let dir: string;
  let secrets: MemorySecretStore;
  let profiles: ProfileStore;

  beforeEach(async () => {
    dir = await tempDir();
    secrets = new MemorySecretStore();
    profiles = new ProfileStore(join(dir, 'profiles.json'), secrets);
  });
  afterEach(() => removeDir(dir));

  it('parses host:port:password, with colons allowed in the password', () => {
    expect(parseDemoSpec('127.0.0.1:27015:se:cret')).toEqual({ host: '127.0.0.1', port: 27015, password: 'se:cret' });
    expect(() => parseDemoSpec('127.0.0.1:27015')).toThrow(ValidationError);
    expect(() => parseDemoSpec('127.0.0.1:99999:pw')).toThrow(/port must be a whole number/);
    expect(() => parseDemoSpec('127.0.0.1:27015:pw')).not.toThrow();
    expect(parseDemoSpec('127.0.0.1:28016:pw', 'webrcon')).toMatchObject({ protocol: 'webrcon' });
    expect(() => parseDemoSpec('127.0.0.1:28016:pw', 'gopher')).toThrow(/RCON_DESK_DEMO_PROTOCOL must be one of/);
  });

  it('gives the demo profile the demo server’s protocol', async () => {
    await ensureDemoProfile(profiles, { host: '127.0.0.1', port: 8081, password: 'pw', protocol: 'telnet' });
    expect((await profiles.list())[0]).toMatchObject({ protocol: 'telnet', port: 8081 });
  });

  it('creates the demo profile once, with the password in the keychain', async () => {
    const first = await ensureDemoProfile(profiles, { host: '127.0.0.1', port: 27015, password: 'demo-pw' });
    const second = await ensureDemoProfile(profiles, { host: '127.0.0.1', port: 27016, password: 'demo-pw-2' });
    expect(second.profileId).toBe(first.profileId);
    expect(second.passwordSaved).toBe(true);
    const list = await profiles.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: DEMO_PROFILE_NAME, port: 27016, hasSavedPassword: true });
    expect(await profiles.getPassword(first.profileId)).toBe('demo-pw-2');
  });

  it('holds the password in memory when the keychain is unavailable', async () => {
    secrets.available = false;
    const demo = await ensureDemoProfile(profiles, { host: '127.0.0.1', port: 27015, password: 'demo-pw' });
    expect(demo.passwordSaved).toBe(false);
    const boundTo = { host: '127.0.0.1', port: 27015 };
    const source = new PasswordFallbackSource(profiles, new Map([[demo.profileId, { password: 'demo-pw', boundTo }]]));
    expect(await source.getPassword(demo.profileId, boundTo)).toBe('demo-pw');
    // Like a saved one, the password held in memory goes only to the address it was given for.
    await expect(source.getPassword(demo.profileId, { host: '203.0.113.9', port: 27015 })).rejects.toThrow(
      /not sent there/,
    );
    expect((await source.get(demo.profileId)).name).toBe(DEMO_PROFILE_NAME);
  });
});
