import type { PlayerListFormat } from './player-commands';
import type { QueriedPlayer } from './server-status';

/** One player as the game's own list command (over RCON) reports them. */
export interface RconPlayer {
  name: string;
  userId?: number;
  steamId?: string;
  pingMs?: number;
  /** ip:port, where the game gives it. */
  address?: string;
}

/** A row of the players panel: the query's score and time merged with the RCON details. */
export interface PlayerRow extends RconPlayer {
  score: number | null;
  durationSeconds: number | null;
  /** Where the row came from: a player only one of the two lists knows still shows. */
  seenBy: { query: boolean; rcon: boolean };
}

/** Reads a list command's answer; lines it cannot read are skipped, never guessed at. */
export function parsePlayerList(format: PlayerListFormat, text: string): RconPlayer[] {
  const lines = text.split(/\r?\n/);
  switch (format) {
    case 'source-status':
      return lines.flatMap(sourceStatusLine);
    case 'minecraft-list':
      return minecraftList(text);
    case 'rust-status':
      return lines.flatMap(rustStatusLine);
    case 'ark-list':
      return lines.flatMap(arkListLine);
    case 'palworld-csv':
      return palworldCsv(lines);
  }
}

// CS:GO, TF2, Garry's Mod (and CS2, below): `#  userid [slot] "name" uniqueid connected ping loss state [rate] adr`.
const SOURCE_ROW =
  /^#\s*(\d+)\s+(?:\d+\s+)?"(.*)"\s+(\S+)\s+(\d+(?::\d+)+)\s+(\d+)\s+\d+\s+\S+(?:\s+\d+)?(?:\s+(\S+))?\s*$/;
// Bots have no connection columns: `#  3 "Bot Jim" BOT active`.
const SOURCE_BOT = /^#\s*(\d+)\s+(?:\d+\s+)?"(.*)"\s+BOT\b/;

function sourceStatusLine(line: string): RconPlayer[] {
  const row = SOURCE_ROW.exec(line);
  if (row) {
    return [
      withOptional(
        { name: row[2] ?? '', userId: Number(row[1]) },
        {
          steamId: row[3],
          pingMs: Number(row[5]),
          address: row[6],
        },
      ),
    ];
  }
  const bot = SOURCE_BOT.exec(line);
  return bot ? [{ name: bot[2] ?? '', userId: Number(bot[1]) }] : cs2StatusLine(line);
}

// CS2 changed the layout (one `status` format per engine, so both are read): `  id     time ping loss state rate adr name`, the name last in single quotes.
const CS2_ROW = /^\s*(\d+)\s+(\d+(?::\d+)+)\s+(\d+)\s+\d+\s+\S+\s+\d+\s*(\S+)\s+'(.*)'\s*$/;

function cs2StatusLine(line: string): RconPlayer[] {
  const row = CS2_ROW.exec(line);
  if (!row || row[1] === '65535') return [];
  return [withOptional({ name: row[5] ?? '', userId: Number(row[1]) }, { pingMs: Number(row[3]), address: row[4] })];
}

function minecraftList(text: string): RconPlayer[] {
  const plain = text.replace(/§./g, '');
  const colon = plain.indexOf(':');
  if (colon === -1) return [];
  return plain
    .slice(colon + 1)
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => ({ name }));
}

// Rust: `steamid64 "name" ping connected addr owner violation kicks`.
const RUST_ROW = /^(\d{17})\s+"(.*)"\s+(\d+)\s+\S+\s+(\S+)/;

function rustStatusLine(line: string): RconPlayer[] {
  const row = RUST_ROW.exec(line);
  return row
    ? [withOptional({ name: row[2] ?? '' }, { steamId: row[1], pingMs: Number(row[3]), address: row[4] })]
    : [];
}

// ARK: `0. Name, 76561198000000001`.
const ARK_ROW = /^\s*\d+\.\s+(.+),\s*(\d{5,})\s*$/;

function arkListLine(line: string): RconPlayer[] {
  const row = ARK_ROW.exec(line);
  return row ? [withOptional({ name: row[1]?.trim() ?? '' }, { steamId: row[2] })] : [];
}

function palworldCsv(lines: readonly string[]): RconPlayer[] {
  return lines
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => cells.length >= 3 && (cells[0] ?? '') !== '')
    .map((cells) => withOptional({ name: cells[0] ?? '' }, { steamId: cells[2]?.trim() }));
}

function withOptional(base: RconPlayer, extra: Partial<RconPlayer>): RconPlayer {
  const result: RconPlayer = { ...base };
  if (extra.steamId) result.steamId = extra.steamId;
  if (extra.pingMs !== undefined && Number.isFinite(extra.pingMs)) result.pingMs = extra.pingMs;
  if (extra.address) result.address = extra.address;
  return result;
}

/**
 * One row per player: matched by exact name, then by name ignoring case; players only one side
 * knows keep their row, so a query that lags behind a join or a leave loses nobody.
 */
export function mergePlayers(queried: readonly QueriedPlayer[], listed: readonly RconPlayer[]): PlayerRow[] {
  const remaining = [...listed];
  const take = (name: string): RconPlayer | undefined => {
    let index = remaining.findIndex((player) => player.name === name);
    if (index === -1) index = remaining.findIndex((player) => player.name.toLowerCase() === name.toLowerCase());
    return index === -1 ? undefined : remaining.splice(index, 1)[0];
  };
  const rows: PlayerRow[] = queried.map((player) => {
    const match = take(player.name);
    return {
      ...match,
      name: player.name,
      score: player.score,
      durationSeconds: player.durationSeconds,
      seenBy: { query: true, rcon: match !== undefined },
    };
  });
  for (const player of remaining) {
    rows.push({ ...player, score: null, durationSeconds: null, seenBy: { query: false, rcon: true } });
  }
  return rows;
}
