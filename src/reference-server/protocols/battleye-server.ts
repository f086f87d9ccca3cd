import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { PacketType, decodePacket, encodePacket } from '../../main/battleye/packet';
import type { ListeningAddress } from '../server';
import { Timers } from '../timers';
import {
  newStats,
  PushTimer,
  runProtocolCommand,
  type ProtocolServer,
  type ProtocolServerOptions,
  type ProtocolServerStats,
} from './common';

/** Largest answer data per packet; real servers split near the UDP payload size. */
export const DEFAULT_PART_BYTES = 1_000;
/** The server sends an unacknowledged message again this many times, like BattlEye. */
const MESSAGE_RETRIES = 5;

interface Session {
  address: string;
  port: number;
  loggedIn: boolean;
  /** The last command's sequence number and answer packets, sent again for a repeat. */
  lastSequence: number | undefined;
  lastAnswer: Buffer[] | undefined;
  busy: boolean;
  messageSequence: number;
  unacknowledged: Map<number, NodeJS.Timeout>;
}

export interface BattlEyeServerOptions extends ProtocolServerOptions {
  partBytes?: number;
  /** Send the parts of a split answer last to first, to show the client reorders them. */
  reverseParts?: boolean;
  /** Resend period of unacknowledged server messages. Default 1000 ms. */
  messageRetryMs?: number;
}

/**
 * BattlEye RCon over UDP, with UDP's faults on demand: lost packets (dropEvery), corrupted
 * checksums (badCrcEvery), a server gone silent (silentAfterPackets) and split answers in any order.
 */
export class BattlEyeReferenceServer implements ProtocolServer {
  readonly stats: ProtocolServerStats & { dropped: number; corrupted: number; acknowledged: number } = {
    ...newStats(),
    dropped: 0,
    corrupted: 0,
    acknowledged: 0,
  };
  private readonly sessions = new Map<string, Session>();
  private readonly timers = new Timers();
  private socket: Socket | undefined;
  private boundPort: number;
  private incoming = 0;
  private outgoing = 0;
  private readonly pushes = new PushTimer();

  constructor(private readonly options: BattlEyeServerOptions = {}) {
    this.boundPort = options.port ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  async listen(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    if (this.socket) return { host, port: this.boundPort };
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.boundPort, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('message', (datagram, remote) => void this.receive(datagram, remote));
    socket.on('error', () => undefined);
    this.boundPort = socket.address().port;
    this.socket = socket;
    this.pushes.start(this, this.options.broadcastIntervalMs, () => 'Player #1 Alex (127.0.0.1:2304) connected');
    return { host, port: this.boundPort };
  }

  async close(): Promise<void> {
    this.pushes.stop();
    this.timers.cancelAll();
    for (const session of this.sessions.values())
      for (const timer of session.unacknowledged.values()) clearTimeout(timer);
    this.sessions.clear();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  broadcast(text: string): void {
    for (const session of this.sessions.values()) if (session.loggedIn) this.pushMessage(session, text);
  }

  chat(user: string, message: string): void {
    this.broadcast(`(Global) ${user}: ${message}`);
  }

  private pushMessage(session: Session, text: string): void {
    const sequence = session.messageSequence;
    session.messageSequence = (sequence + 1) & 0xff;
    const packet = encodePacket(
      PacketType.MESSAGE,
      Buffer.concat([Buffer.from([sequence]), Buffer.from(text, 'utf8')]),
    );
    let tries = 0;
    const send = (): void => {
      if (tries > MESSAGE_RETRIES) {
        session.unacknowledged.delete(sequence);
        return;
      }
      tries += 1;
      this.send(session, packet);
      session.unacknowledged.set(sequence, setTimeout(send, this.options.messageRetryMs ?? 1_000));
    };
    send();
  }

  private async receive(datagram: Buffer, remote: RemoteInfo): Promise<void> {
    this.incoming += 1;
    const faults = this.options.faults ?? {};
    if (faults.silentAfterPackets !== undefined && this.incoming > faults.silentAfterPackets) return;
    if (faults.dropEvery && this.incoming % faults.dropEvery === 0) {
      this.stats.dropped += 1;
      return;
    }
    const packet = decodePacket(datagram);
    if (typeof packet === 'string') return;
    const key = `${remote.address}:${remote.port}`;
    let session = this.sessions.get(key);
    if (packet.type === PacketType.LOGIN) {
      if (faults.closeOnLogin) return;
      const ok = packet.payload.toString('utf8') === (this.options.password ?? '');
      if (ok) this.stats.logins += 1;
      else this.stats.failedLogins += 1;
      session ??= {
        address: remote.address,
        port: remote.port,
        loggedIn: false,
        lastSequence: undefined,
        lastAnswer: undefined,
        busy: false,
        messageSequence: 0,
        unacknowledged: new Map(),
      };
      session.loggedIn = ok;
      this.sessions.set(key, session);
      this.send(session, encodePacket(PacketType.LOGIN, Buffer.from([ok ? 1 : 0])));
      return;
    }
    if (!session?.loggedIn || packet.payload.length < 1) return;
    const sequence = packet.payload[0]!;
    if (packet.type === PacketType.MESSAGE) {
      const timer = session.unacknowledged.get(sequence);
      if (timer) {
        clearTimeout(timer);
        session.unacknowledged.delete(sequence);
        this.stats.acknowledged += 1;
      }
      return;
    }
    if (packet.type !== PacketType.COMMAND) return;
    if (sequence === session.lastSequence) {
      // A repeat: the answer was lost (or is still being made). Send it again, never run twice.
      for (const part of session.lastAnswer ?? []) this.send(session, part);
      return;
    }
    if (session.busy) return;
    session.busy = true;
    session.lastSequence = sequence;
    session.lastAnswer = undefined;
    const command = packet.payload.subarray(1).toString('utf8');
    this.stats.received.push(command);
    if (command !== '') this.stats.commands += 1;
    const answer =
      command === ''
        ? ''
        : await runProtocolCommand(command, {
            protocol: 'battleye',
            chat: (user, message) => this.chat(user, message),
            sleep: (ms) => this.timers.sleep(ms),
          });
    session.lastAnswer = this.answerPackets(sequence, Buffer.from(answer, 'utf8'));
    session.busy = false;
    for (const part of session.lastAnswer) this.send(session, part);
  }

  private answerPackets(sequence: number, data: Buffer): Buffer[] {
    const partBytes = this.options.partBytes ?? DEFAULT_PART_BYTES;
    if (data.length <= partBytes)
      return [encodePacket(PacketType.COMMAND, Buffer.concat([Buffer.from([sequence]), data]))];
    const count = Math.ceil(data.length / partBytes);
    if (count > 255) throw new RangeError('An answer this long cannot be split into 255 parts.');
    const parts: Buffer[] = [];
    for (let index = 0; index < count; index += 1) {
      const header = Buffer.from([sequence, 0x00, count, index]);
      parts.push(
        encodePacket(
          PacketType.COMMAND,
          Buffer.concat([header, data.subarray(index * partBytes, (index + 1) * partBytes)]),
        ),
      );
    }
    return this.options.reverseParts ? parts.reverse() : parts;
  }

  private send(session: Session, packet: Buffer): void {
    this.outgoing += 1;
    const every = this.options.faults?.badCrcEvery;
    let datagram = packet;
    if (every && this.outgoing % every === 0) {
      datagram = Buffer.from(packet);
      datagram.writeUInt32LE((datagram.readUInt32LE(2) ^ 0xdeadbeef) >>> 0, 2);
      this.stats.corrupted += 1;
    }
    this.socket?.send(datagram, session.port, session.address);
  }
}
