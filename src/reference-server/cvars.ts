/** A console variable (or, with value 'cmd', a console command) as Source's cvarlist shows it. */
export interface Cvar {
  readonly name: string;
  /** 'cmd' for a concommand, like Source prints it. */
  readonly value: string;
  readonly defaultValue: string;
  readonly flags: readonly string[];
  readonly description: string;
}

/** Real cvars first, so `help sv_cheats` and friends read like the real thing. */
const WELL_KNOWN: readonly Cvar[] = [
  cvar('sv_cheats', '0', ['notify', 'rep'], 'Allow cheats on server'),
  cvar('sv_gravity', '800', ['notify', 'rep'], 'World gravity.'),
  cvar('sv_maxspeed', '320', ['notify', 'rep'], ''),
  cvar('sv_password', '', ['notify', 'prot', 'norecord'], 'Server password for entry into multiplayer games'),
  cvar('sv_lan', '0', [], 'Server is a lan server ( no heartbeat, no authentication, no non-class C addresses )'),
  cvar('sv_alltalk', '0', ['notify', 'rep'], 'Players can hear all other players, no team restrictions'),
  cvar('mp_timelimit', '30', ['notify', 'rep'], 'game time per map in minutes'),
  cvar('mp_friendlyfire', '0', ['notify', 'rep'], 'Allows team members to injure other members of their team'),
  cvar('mp_autoteambalance', '1', ['notify'], ''),
  cvar('hostname', 'RCON Desk Reference Server', [], 'Hostname for server.'),
  cvar('maxplayers', 'cmd', [], 'Change the maximum number of players allowed on this server.'),
  cvar('changelevel', 'cmd', [], 'Change server to the specified map'),
  cvar('status', 'cmd', [], 'Display map and connection status.'),
  cvar('say', 'cmd', ['server_can_execute'], 'Display player message'),
  cvar('echo', 'cmd', ['server_can_execute'], 'Echo text to console.'),
  cvar('cvarlist', 'cmd', [], 'Show the list of convars/concommands.'),
  cvar('help', 'cmd', [], 'Find help about a convar/concommand.'),
];

const PREFIXES = ['sv', 'mp', 'cl', 'r', 'mat', 'snd', 'net', 'bot', 'ai', 'host', 'phys', 'tv', 'fps', 'voice'];
const SUBJECTS = [
  'max',
  'min',
  'rate',
  'speed',
  'gravity',
  'friction',
  'timeout',
  'interp',
  'lag',
  'buffer',
  'spawn',
  'team',
  'round',
  'weapon',
  'ammo',
  'damage',
  'health',
  'armor',
  'radius',
  'delay',
  'debug',
  'log',
  'draw',
  'shadow',
  'light',
  'fog',
  'water',
  'sound',
  'volume',
  'pitch',
  'view',
  'fov',
];
const SUFFIXES = ['', 'scale', 'limit', 'time', 'count', 'enable', 'mode', 'factor', 'threshold', 'size', 'distance'];
const FLAG_SETS: readonly (readonly string[])[] = [
  [],
  ['sv'],
  ['sv', 'cheat'],
  ['sv', 'rep'],
  ['cl'],
  ['cl', 'a'],
  ['notify', 'rep'],
  ['sv', 'launcher'],
  ['cheat'],
  ['server_can_execute'],
];
const VERBS = ['Sets', 'Controls', 'Overrides', 'Limits', 'Scales', 'Toggles'];
const AREAS = ['the server', 'all clients', 'bots', 'the current map', 'spectators', 'SourceTV', 'the physics engine'];

/** How many cvars cvarlist shows: enough for dozens of 4096-byte packets. */
export const CVAR_COUNT = 3000;

let cached: readonly Cvar[] | undefined;

/** The same list every run: generated from a fixed seed and sorted by name, as Source sorts it. */
export function cvarTable(): readonly Cvar[] {
  cached ??= generate(CVAR_COUNT, 0x5eed);
  return cached;
}

export function findCvar(name: string): Cvar | undefined {
  const wanted = name.toLowerCase();
  return cvarTable().find((entry) => entry.name === wanted);
}

function generate(count: number, seed: number): readonly Cvar[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const byName = new Map(WELL_KNOWN.map((entry) => [entry.name, entry]));
  // The name space holds about 15,000 names; collisions only cost a retry.
  while (byName.size < count) {
    const subject = pick(SUBJECTS);
    const suffix = pick(SUFFIXES);
    const name = [pick(PREFIXES), subject, pick(SUBJECTS), suffix].filter((part) => part !== '').join('_');
    if (byName.has(name)) continue;
    const isCommand = random() < 0.08;
    const value = isCommand ? 'cmd' : randomValue(random);
    const description = isCommand
      ? `Resets the ${subject} state of ${pick(AREAS)}.`
      : `${pick(VERBS)} the ${subject}${suffix ? ` ${suffix}` : ''} for ${pick(AREAS)}.`;
    byName.set(name, cvar(name, value, pick(FLAG_SETS), description));
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function randomValue(random: () => number): string {
  const roll = random();
  if (roll < 0.4) return String(Math.floor(random() * 2));
  if (roll < 0.8) return String(Math.floor(random() * 5000));
  return (random() * 10).toFixed(2);
}

function cvar(name: string, value: string, flags: readonly string[], description: string): Cvar {
  return { name, value, defaultValue: value, flags, description };
}

/** Small, fast, seedable PRNG; Math.random cannot be seeded. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
