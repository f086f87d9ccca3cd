import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import {
  A2S_GETCHALLENGE,
  A2S_INFO,
  A2S_PLAYER,
  A2S_RULES,
  challengeAnswer,
  DEFAULT_MAX_PACKET_BYTES,
  INFO_PAYLOAD,
  infoAnswer,
  playerAnswer,
  rulesAnswer,
  SINGLE_HEADER,
  splitAnswer,
  statusPlayersForQuery,
  type A2sPlayer,
} from './a2s-format';
import { cvarTable } from './cvars';
import { STATUS_HOSTNAME, STATUS_MAP, STATUS_MAX_PLAYERS, STATUS_PLAYERS } from './source-output';

/** Misbehaviour on purpose, to test what a query client does with it. */
export type QueryFault =
  /**
   * Answer every request with a split answer whose pieces do not add up (numbered 0 and 2 of 2):
   * a client must report it, not hang or assemble garbage.
   */
  | 'bad-packets'
  /** Read every request and answer none (a firewalled or wrong query port). */
  | 'no-answer';

export const QUERY_FAULTS: readonly QueryFault[] = ['bad-packets', 'no-answer'];

export interface QueryResponderOptions {
  /** Default 127.0.0.1 (UDP over IPv4: the query clients in use listen on IPv4). */
  host?: string;
  /** Default 0: any free port; read it from listen(). */
  port?: number;
  /** The RCON port, reported as the game port in A2S_INFO. Default: the query port. */
  gamePort?: number;
  /** Answer requests without a valid challenge with S2C_CHALLENGE first, as Source servers do since 2020. Default true. */
  challenge?: boolean;
  /** Largest UDP payload; longer answers go out as split packets. Default 1400, Steam's. */
  maxPacketBytes?: number;
  /** Players added after the ones `status` lists, to make long answers (A2S_PLAYER holds 255 at most). */
  extraPlayers?: number;
  fault?: QueryFault;
  onEvent?: (event: QueryEvent) => void;
}

export type QueryRequestKind = 'info' | 'players' | 'rules' | 'getchallenge' | 'unknown';

export interface QueryEvent {
  kind: 'query';
  address: string;
  request: QueryRequestKind;
  /** What the server sent back: the answer, a challenge to repeat the request with, or nothing. */
  answer: 'answer' | 'challenge' | 'none' | 'bad-packet';
  /** Packets the answer took (more than one when split). */
  packets: number;
}

/** The Source query protocol (A2S) on UDP, serving the same players and map as the RCON `status`. */
export class QueryResponder {
  private socket: Socket | undefined;
  private readonly challenges = new Map<string, number>();
  private readonly players: A2sPlayer[];
  private nextSplitId = 1;
  private boundPort: number;
  private readonly events: QueryEvent[] = [];

  constructor(private readonly options: QueryResponderOptions = {}) {
    const extra = options.extraPlayers ?? 0;
    this.players = [
      ...statusPlayersForQuery(STATUS_PLAYERS),
      ...Array.from({ length: extra }, (_, index) => ({
        name: `Player ${String(index + 1).padStart(3, '0')} with a rather long name`,
        score: index,
        durationSeconds: 60 + index,
      })),
    ];
    if (this.players.length > 255) throw new RangeError('A2S_PLAYER holds 255 players at most.');
    this.boundPort = options.port ?? 0;
  }

  async listen(): Promise<{ host: string; port: number }> {
    if (this.socket) return this.address;
    const socket = createSocket('udp4');
    socket.on('message', (message, remote) => this.receive(message, remote));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.boundPort, this.options.host ?? '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // A late send error (the client went away) must not crash the server.
    socket.on('error', () => undefined);
    this.boundPort = socket.address().port;
    this.socket = socket;
    return this.address;
  }

  close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => socket.close(() => resolve()));
  }

  get address(): { host: string; port: number } {
    return { host: this.options.host ?? '127.0.0.1', port: this.boundPort };
  }

  /** Every request received, in order, with what it got back. */
  get received(): readonly QueryEvent[] {
    return this.events;
  }

  get playerList(): readonly A2sPlayer[] {
    return this.players;
  }

  private receive(message: Buffer, remote: RemoteInfo): void {
    const address = `${remote.address}:${remote.port}`;
    const kind = requestKind(message);
    const answer = this.answer(kind, message, address);
    const event: QueryEvent = {
      kind: 'query',
      address,
      request: kind,
      answer: answer.kind,
      packets: answer.packets.length,
    };
    this.events.push(event);
    this.options.onEvent?.(event);
    for (const packet of answer.packets) this.socket?.send(packet, remote.port, remote.address);
  }

  private answer(
    kind: QueryRequestKind,
    message: Buffer,
    address: string,
  ): { kind: QueryEvent['answer']; packets: Buffer[] } {
    if (this.options.fault === 'no-answer' || kind === 'unknown') return { kind: 'none', packets: [] };
    if (this.options.fault === 'bad-packets') return { kind: 'bad-packet', packets: brokenSplit() };
    if (kind === 'getchallenge') return { kind: 'challenge', packets: [challengeAnswer(this.challengeFor(address))] };
    const expected = this.challenges.get(address);
    if ((this.options.challenge ?? true) && (expected === undefined || givenChallenge(kind, message) !== expected)) {
      return { kind: 'challenge', packets: [challengeAnswer(this.challengeFor(address))] };
    }
    const whole =
      kind === 'info'
        ? infoAnswer({
            name: STATUS_HOSTNAME,
            map: STATUS_MAP,
            folder: 'csgo',
            game: 'Counter-Strike 2',
            appId: 730,
            players: this.players.length,
            maxPlayers: Math.max(STATUS_MAX_PLAYERS, this.players.length),
            bots: 0,
            version: '1.38.7.9',
            gamePort: this.options.gamePort ?? this.boundPort,
          })
        : kind === 'players'
          ? playerAnswer(this.players)
          : rulesAnswer(cvarTable().map((entry) => [entry.name, entry.value] as const));
    const id = this.nextSplitId;
    this.nextSplitId = (this.nextSplitId % 0x7fffffff) + 1;
    return { kind: 'answer', packets: splitAnswer(whole, id, this.options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES) };
  }

  /** One challenge per client address, kept until the server stops, as a real server keeps it a while. */
  private challengeFor(address: string): number {
    let challenge = this.challenges.get(address);
    if (challenge === undefined) {
      // Never -1: clients send 0xFFFFFFFF to ask for a challenge.
      challenge = randomInt(1, 0x7fffffff);
      this.challenges.set(address, challenge);
    }
    return challenge;
  }
}

function requestKind(message: Buffer): QueryRequestKind {
  if (message.length < 5 || message.readInt32LE(0) !== SINGLE_HEADER) return 'unknown';
  switch (message[4]) {
    case A2S_INFO:
      return message.subarray(5, 5 + INFO_PAYLOAD.length).toString('latin1') === INFO_PAYLOAD ? 'info' : 'unknown';
    case A2S_PLAYER:
      return message.length >= 9 ? 'players' : 'unknown';
    case A2S_RULES:
      return message.length >= 9 ? 'rules' : 'unknown';
    case A2S_GETCHALLENGE:
      return 'getchallenge';
    default:
      return 'unknown';
  }
}

/** A2S_INFO carries the challenge after its payload (absent on the first try); the others right after the type. */
function givenChallenge(kind: QueryRequestKind, message: Buffer): number | undefined {
  const offset = kind === 'info' ? 5 + INFO_PAYLOAD.length : 5;
  return message.length >= offset + 4 ? message.readInt32LE(offset) : undefined;
}

/** Two pieces of a split answer that claim to be 0 and 2 of 2: piece 1 never comes. */
function brokenSplit(): Buffer[] {
  const pieces = splitAnswer(playerAnswer(statusPlayersForQuery(STATUS_PLAYERS)), 7, 24).slice(0, 2);
  return pieces.map((piece, index) => {
    const copy = Buffer.from(piece);
    copy.writeUInt8(2, 8);
    copy.writeUInt8(index === 0 ? 0 : 2, 9);
    return copy;
  });
}
