import type { Cvar } from './cvars';

/** Texts shaped like a Source dedicated server's console output, to exercise clients realistically. */

const LONG_FLAG_NAMES: Record<string, string> = {
  sv: 'game',
  cl: 'client',
  rep: 'replicated',
  a: 'archive',
  prot: 'protected',
};

export function formatCvarList(cvars: readonly Cvar[]): string {
  const lines = cvars.map((entry) => {
    const flags = entry.flags.map((flag) => `, "${flag}"`).join('');
    return `${entry.name.padEnd(40)} : ${entry.value.padEnd(8)} : ${flags.padEnd(16)} : ${entry.description}`;
  });
  return [
    'cvar list',
    '--------------',
    ...lines,
    '--------------',
    `${cvars.length} total convars/concommands`,
    '',
  ].join('\n');
}

export function formatHelp(entry: Cvar): string {
  const flags = entry.flags.map((flag) => LONG_FLAG_NAMES[flag] ?? flag).join(' ');
  const head =
    entry.value === 'cmd' ? `"${entry.name}"` : `"${entry.name}" = "${entry.value}" ( def. "${entry.defaultValue}" )`;
  return [head, ...(flags ? [` ${flags}`] : []), ` - ${entry.description}`, ''].join('\n');
}

export interface StatusPlayer {
  readonly userId: number;
  readonly name: string;
  readonly steamId: string;
  readonly connected: string;
  readonly ping: number;
  readonly address: string;
}

export const STATUS_PLAYERS: readonly StatusPlayer[] = [
  {
    userId: 2,
    name: 'Alex',
    steamId: 'STEAM_1:0:12345678',
    connected: '12:34',
    ping: 48,
    address: '198.51.100.23:27005',
  },
  {
    userId: 3,
    name: 'Steve',
    steamId: 'STEAM_1:1:87654321',
    connected: '03:02',
    ping: 63,
    address: '198.51.100.42:27005',
  },
];

export const STATUS_HOSTNAME = 'RCON Desk Reference Server';
export const STATUS_MAP = 'de_dust2';
export const STATUS_MAX_PLAYERS = 20;

export function formatStatus(hostname: string, endpoint: string, map: string): string {
  const rows = STATUS_PLAYERS.map(
    (player) =>
      `#${String(player.userId).padStart(6)} ${`"${player.name}"`.padEnd(19)} ${player.steamId.padEnd(19)} ` +
      `${player.connected.padStart(9)} ${String(player.ping).padStart(4)} ${'0'.padStart(4)} active 196608 ${player.address}`,
  );
  return [
    `hostname: ${hostname}`,
    'version : 1.38.7.9/13879 9842 secure',
    `udp/ip  : ${endpoint}  (public ip: 203.0.113.7)`,
    'steamid : [G:1:1234567] (85568392920039431)',
    'account : not logged in  (No account specified)',
    `map     : ${map} at: 0 x, 0 y, 0 z`,
    'tags    : secure',
    `players : ${STATUS_PLAYERS.length} humans, 0 bots (${STATUS_MAX_PLAYERS} max)`,
    'edicts  : 426 used of 2048 max',
    '# userid name                uniqueid            connected ping loss state  rate adr',
    ...rows,
    '#end',
    '',
  ].join('\n');
}
