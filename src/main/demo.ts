import type { ConsoleProtocol, Profile, ProfileDraft } from '../shared/api';
import { PROFILE_DEFAULTS } from '../shared/profile-defaults';
import { formatAddress, sameAddress, type ServerAddress } from './services/bound-secret';
import { CredentialBindingError, ValidationError } from './services/errors';
import type { ProfileStore } from './services/profile-store';
import type { SessionProfileSource } from './services/session-manager';
import { PROTOCOL_VALUES, expectInteger, expectOneOf, parseHost, parsePassword } from './validation';

/** `RCON_DESK_DEMO=host:port:password` points the app at a server (usually `npm run demo-server`). */
export const DEMO_ENV_VAR = 'RCON_DESK_DEMO';
export const DEMO_PROFILE_NAME = 'Demo server';
/** `RCON_DESK_DEMO_PROTOCOL=webrcon|battleye|telnet`: what the demo server speaks; Source RCON when unset. */
export const DEMO_PROTOCOL_ENV_VAR = 'RCON_DESK_DEMO_PROTOCOL';

export interface DemoServer {
  host: string;
  port: number;
  password: string;
  /** Source RCON when absent. */
  protocol?: ConsoleProtocol;
}

/** `host:port:password`; the password is everything after the second colon, so it may contain colons. */
export function parseDemoSpec(spec: string, protocol?: string): DemoServer {
  const match = /^([^:]+):(\d+):([\s\S]+)$/.exec(spec);
  if (!match) {
    throw new ValidationError(`${DEMO_ENV_VAR} must look like host:port:password, e.g. 127.0.0.1:27015:secret.`);
  }
  return {
    host: parseHost(match[1], `The ${DEMO_ENV_VAR} host`),
    port: expectInteger(Number(match[2]), `The ${DEMO_ENV_VAR} port`, 1, 65535),
    password: parsePassword(match[3], `The ${DEMO_ENV_VAR} password`),
    ...(protocol ? { protocol: expectOneOf(protocol, DEMO_PROTOCOL_ENV_VAR, PROTOCOL_VALUES) } : {}),
  };
}

export interface DemoProfile {
  profileId: string;
  /** False when the keychain is unavailable: the password must then be supplied at open. */
  passwordSaved: boolean;
}

/**
 * Creates the "Demo server" profile, or points the existing one at the demo server, with the
 * password in the keychain when there is one.
 */
export async function ensureDemoProfile(profiles: ProfileStore, demo: DemoServer): Promise<DemoProfile> {
  const existing = (await profiles.list()).find((profile) => profile.name === DEMO_PROFILE_NAME);
  const keychain = await profiles.keychainStatus();
  const draft: ProfileDraft = {
    name: DEMO_PROFILE_NAME,
    host: demo.host,
    port: demo.port,
    protocol: demo.protocol ?? 'rcon',
    dialect: existing?.dialect ?? PROFILE_DEFAULTS.dialect,
    encoding: existing?.encoding ?? PROFILE_DEFAULTS.encoding,
    group: existing?.group ?? 'Demo',
    color: existing?.color ?? '#22c55e',
    quickCommands: existing?.quickCommands ?? ['status', 'cvarlist sv_', 'say Hello from RCON Desk'],
    rememberPassword: keychain.available,
  };
  const saved = await profiles.save({
    ...(existing ? { id: existing.id } : {}),
    profile: draft,
    password: keychain.available ? { kind: 'set', password: demo.password } : { kind: 'keep' },
  });
  return { profileId: saved.id, passwordSaved: saved.hasSavedPassword };
}

/**
 * A profile source that also knows passwords held in memory only, for profiles whose password
 * cannot be saved (the demo profile without a keychain). A saved password wins.
 */
export class PasswordFallbackSource implements SessionProfileSource {
  constructor(
    private readonly profiles: SessionProfileSource,
    /** By profile id: a password held in memory, and the only address it may be sent to. */
    private readonly fallbacks: ReadonlyMap<string, { password: string; boundTo: ServerAddress }>,
  ) {}

  get(id: string): Promise<Profile> {
    return this.profiles.get(id);
  }

  async getPassword(id: string, target: ServerAddress): Promise<string | null> {
    const fallback = this.fallbacks.get(id);
    if (fallback === undefined) return this.profiles.getPassword(id, target);
    let saved: string | null;
    try {
      saved = await this.profiles.getPassword(id, target);
    } catch (error) {
      // A keychain that cannot be read falls back; a password bound elsewhere is a refusal.
      if (error instanceof CredentialBindingError) throw error;
      saved = null;
    }
    if (saved !== null) return saved;
    if (!sameAddress(fallback.boundTo, target)) {
      throw new CredentialBindingError(
        `The demo password belongs to ${formatAddress(fallback.boundTo)}, not ${formatAddress(target)}: it is not sent there.`,
      );
    }
    return fallback.password;
  }
}
