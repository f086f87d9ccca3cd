import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { FrameDecoder } from '../../src/main/rcon/frame-decoder';
import { PacketType, RconMessage } from '../../src/main/rcon/packet';

/** Answers a login as Minecraft does (its AUTH_RESPONSE alone); false for any other packet. */
export function acceptLogin(socket: net.Socket, message: RconMessage): boolean {
  if (message.type !== PacketType.AUTH) return false;
  socket.write(new RconMessage(message.id, PacketType.AUTH_RESPONSE).encode());
  return true;
}

/** Answers a login as Source does (an empty RESPONSE_VALUE, then the AUTH_RESPONSE); false for any other packet. */
export function acceptSourceLogin(socket: net.Socket, message: RconMessage): boolean {
  if (message.type !== PacketType.AUTH) return false;
  socket.write(new RconMessage(message.id, PacketType.RESPONSE_VALUE).encode());
  socket.write(new RconMessage(message.id, PacketType.AUTH_RESPONSE).encode());
  return true;
}

/**
 * A bare TCP server whose behaviour each test scripts packet by packet, for the hostile and
 * broken peers the reference server does not imitate (HTTP, garbage, odd ids).
 */
export class ScriptedServer {
  private readonly server: net.Server;
  readonly sockets = new Set<net.Socket>();

  constructor(onPacket: (socket: net.Socket, message: RconMessage) => void, onConnect?: (socket: net.Socket) => void) {
    this.server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      const decoder = new FrameDecoder();
      socket.on('data', (chunk) => {
        try {
          for (const message of decoder.push(chunk)) onPacket(socket, message);
        } catch {
          socket.destroy();
        }
      });
      onConnect?.(socket);
    });
  }

  async listen(): Promise<number> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A port whose accept queue is full, so a new connection is never completed: the only way to
 * make a connect time out on loopback. Node always accepts, so a small python3 helper holds it.
 */
export async function startBlackholePort(): Promise<{ port: number; stop: () => void }> {
  const script = [
    'import socket, sys, time',
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(0)",
    'port = s.getsockname()[1]',
    'held = []',
    'for _ in range(3):',
    '    c = socket.socket(); c.setblocking(False)',
    '    try: c.connect(("127.0.0.1", port))',
    '    except BlockingIOError: pass',
    '    held.append(c)',
    'time.sleep(0.2)',
    'print(port, flush=True)',
    'sys.stdin.read()',
  ].join('\n');
  const child: ChildProcess = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { port: Number(line.toString().trim()), stop: () => child.kill() };
}

/**
 * Logs in anyone, waits for `commands` pipelined commands (each with its Source sentinel), then
 * answers them interleaved packet by packet: a server choosing its packet order to make a client
 * buffer every answer at once (issue 10). Writes respect back-pressure, so huge answers work too.
 */
export function interleavingServer(commands: number, packetsPerAnswer: number, packetBytes: number): ScriptedServer {
  const waiting: { id: number; sentinel: number }[] = [];
  let pendingCommand: number | undefined;
  return new ScriptedServer((socket, message) => {
    if (acceptSourceLogin(socket, message)) return;
    if (message.type === PacketType.EXECCOMMAND) {
      pendingCommand = message.id;
      return;
    }
    if (pendingCommand === undefined) return;
    waiting.push({ id: pendingCommand, sentinel: message.id });
    pendingCommand = undefined;
    if (waiting.length < commands) return;
    const body = Buffer.alloc(packetBytes, 0x61);
    let round = 0;
    const pump = (): void => {
      while (round < packetsPerAnswer) {
        round += 1;
        let ok = true;
        for (const { id } of waiting) ok = socket.write(new RconMessage(id, PacketType.RESPONSE_VALUE, body).encode());
        if (!ok) {
          socket.once('drain', pump);
          return;
        }
      }
      for (const { sentinel } of waiting) {
        socket.write(new RconMessage(sentinel, PacketType.RESPONSE_VALUE).encode());
        socket.write(new RconMessage(sentinel, PacketType.RESPONSE_VALUE, Buffer.from([0, 1, 0, 0])).encode());
      }
    };
    pump();
  });
}
