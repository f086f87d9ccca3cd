import { PassThrough } from 'node:stream';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { DEFAULT_SETTINGS, type ConnectionSettings } from '../../src/cli/args';
import type { ServerAddress } from '../../src/cli/address';
import type { ExitCode } from '../../src/cli/exit-codes';
import type { HistoryStore } from '../../src/cli/history';
import { RconShell } from '../../src/cli/shell';
import { RconClient } from '../../src/main/rcon';
import { ReferenceServer } from '../../src/reference-server/server';
import type { ReferenceServerOptions } from '../../src/reference-server/options';

export const PASSWORD = 'correct horse';

/** Everything a test opened, closed by cleanup() in afterEach. */
export class Fixtures {
  private readonly closers: (() => Promise<void> | void)[] = [];

  async server(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
    const server = new ReferenceServer({ password: PASSWORD, broadcastIntervalMs: 0, ...options });
    this.closers.push(() => server.close());
    await server.listen();
    return server;
  }

  /** Accepts connections and never says a word: the simplest server that makes clients time out. */
  async mute(): Promise<{ port: number }> {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.closers.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    return { port: (server.address() as AddressInfo).port };
  }

  shell(options: DriverOptions = {}): ShellDriver {
    const driver = new ShellDriver(options);
    this.closers.push(() => driver.stop());
    return driver;
  }

  async cleanup(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}

/** A port nothing listens on: bound, then released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function addressOf(server: ReferenceServer): ServerAddress {
  return { host: '127.0.0.1', port: server.port };
}

export class MemoryHistory implements HistoryStore {
  saved: string[] | undefined;

  constructor(private readonly initial: string[] = []) {}

  load(): string[] {
    return [...this.initial];
  }

  save(newestFirst: readonly string[]): void {
    this.saved = [...newestFirst];
  }
}

export interface DriverOptions {
  terminal?: boolean;
  showPrompts?: boolean;
  settings?: Partial<ConnectionSettings>;
  history?: HistoryStore;
}

/** Runs an RconShell on in-memory streams, with the real client, and watches what it prints. */
export class ShellDriver {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  readonly errors = new PassThrough();
  readonly shell: RconShell;
  private stdoutText = '';
  private stderrText = '';
  private running: Promise<ExitCode> | undefined;
  private readonly terminal: boolean;

  constructor(options: DriverOptions) {
    this.terminal = options.terminal ?? false;
    this.output.on('data', (chunk: Buffer) => (this.stdoutText += chunk.toString()));
    this.errors.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    this.shell = new RconShell({
      input: this.input,
      output: this.output,
      errorOutput: this.errors,
      createClient: (clientOptions) => new RconClient(clientOptions),
      settings: { ...DEFAULT_SETTINGS, ...options.settings },
      terminal: this.terminal,
      showPrompts: options.showPrompts,
      history: options.history,
    });
  }

  start(initial?: { address: ServerAddress; password: string }): Promise<ExitCode> {
    this.running = this.shell.run(initial);
    return this.running;
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Stdout without the terminal's cursor and erase sequences. */
  get screen(): string {
    // eslint-disable-next-line no-control-regex
    return this.stdoutText.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  }

  /** Sends a whole line, as a pipe or a paste would. */
  line(text: string): void {
    this.input.write(`${text}${this.terminal ? '\r' : '\n'}`);
  }

  /** Types one key at a time, so that readline sees Tab as a key press and not as pasted text. */
  keys(...keys: string[]): void {
    for (const key of keys) this.input.write(key);
  }

  async waitFor(
    pattern: string | RegExp,
    where: 'stdout' | 'stderr' | 'screen' = 'stdout',
    timeoutMs = 5000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const text = (): string => (where === 'stdout' ? this.stdout : where === 'stderr' ? this.stderr : this.screen);
    const found = (): boolean => (typeof pattern === 'string' ? text().includes(pattern) : pattern.test(text()));
    while (!found()) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${String(pattern)} on ${where}.\nstdout: ${this.stdout}\nstderr: ${this.stderr}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits for the connection, then for the background cvarlist (if any) to be read. */
  async connected(): Promise<void> {
    await this.waitFor('Connected to', 'stderr');
    await this.shell.namesLearned;
  }

  /** Ends the input, as Ctrl-D or the end of a pipe does, and waits for the shell to finish. */
  async finish(): Promise<ExitCode> {
    this.input.end();
    if (!this.running) throw new Error('The shell was not started.');
    return this.running;
  }

  async stop(): Promise<void> {
    if (!this.input.writableEnded) this.input.end();
    await this.running;
  }
}

export async function waitUntil(done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
