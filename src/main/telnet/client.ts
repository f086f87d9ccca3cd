import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ExecuteOptions } from '../rcon/client';
import {
  RconAuthError,
  RconConnectionError,
  RconError,
  RconProtocolError,
  RconRequestError,
  RconResponseTooLargeError,
  RconTimeoutError,
  formatBytes,
} from '../rcon/errors';
import { describeSocketError, openSocket } from '../rcon/socket';
import type { RemoteConsole, RemoteConsoleOptions } from '../protocol/remote-console';
import { RemoteConsoleBase } from '../protocol/remote-console-base';
import {
  LOG_LINE,
  LOGON_OK,
  LineSplitter,
  PASSWORD_PROMPT,
  TOO_MANY_FAILURES,
  WRONG_PASSWORD,
  unknownCommandLine,
} from './lines';

interface PendingCommand {
  endLine: string;
  lines: string[];
  /** Characters gathered so far, held to maxResponseBytes. */
  size: number;
  resolve: (text: string) => void;
  reject: (error: RconError) => void;
  timer: NodeJS.Timeout;
}

interface Login {
  resolve: () => void;
  reject: (error: RconError) => void;
  passwordSent: boolean;
}

/**
 * A 7 Days to Die telnet console.
 *
 * How the end of an answer is found: the console has no end marker, so every command is followed
 * by a sentinel, an unknown command `rcondesk-end-<nonce>-<n>`. The console runs a connection's
 * commands in order and answers an unknown one with `*** ERROR: unknown command '<name>'`, so that
 * line closes the answer before it; the nonce makes it impossible for real output to fake it.
 * Lines in the server log format (timestamp, uptime, INF/WRN/ERR) are log lines the server copies to
 * every telnet client: they are server messages, wherever they fall, never part of an answer. Lines
 * received while no command waits are server messages too. Because answers end by content, not by
 * silence, commands can be pipelined and a slow command cannot be cut short.
 */
export class TelnetClient extends RemoteConsoleBase implements RemoteConsole {
  private socket: Socket | undefined;
  private splitter = new LineSplitter();
  private sequence = 0;
  private readonly nonce = randomBytes(4).toString('hex');
  private readonly queue: PendingCommand[] = [];
  private login: Login | undefined;

  constructor(options: RemoteConsoleOptions) {
    super(options, 'telnet');
  }

  get connected(): boolean {
    return this.currentStatus === 'connected' || this.currentStatus === 'authenticating' || this.authenticated;
  }

  async connect(): Promise<void> {
    this.refuseUnlessIdle();
    this.splitter = new LineSplitter();
    this.socket = undefined;
    this.setStatus('connecting');
    let socket: Socket;
    try {
      socket = await openSocket(this.options.host, this.options.port, this.options.connectTimeoutMs);
    } catch (error) {
      this.setStatus('closed');
      throw error;
    }
    if (this.currentStatus === 'closed') {
      socket.destroy();
      throw new RconConnectionError('closed', 'The connection was closed before it was established.');
    }
    this.socket = socket;
    // A socket from an earlier connection must not close this one.
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.receive(chunk);
    });
    socket.on('error', (error) => {
      if (this.socket === socket) this.shutdown(describeSocketError(error, this.options.host, this.options.port));
    });
    socket.on('close', () => {
      if (this.socket === socket) this.shutdown(this.lostError());
    });
    this.setStatus('authenticating');
    const timeoutMs = this.options.commandTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.login = { resolve, reject, passwordSent: false };
        timer = setTimeout(
          () => reject(new RconTimeoutError('auth', timeoutMs, 'no password prompt or no answer to the password')),
          timeoutMs,
        );
      });
    } catch (error) {
      const failure = error instanceof RconError ? error : new RconProtocolError(String(error));
      this.shutdown(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
      this.login = undefined;
    }
    this.setStatus('ready');
  }

  execute(command: string, options: ExecuteOptions = {}): Promise<string> {
    const socket = this.socket;
    if (!socket || !this.authenticated) {
      return Promise.reject(new RconConnectionError('not-connected', 'Not connected: connect and log in first.'));
    }
    try {
      this.checkCommand(command);
    } catch (error) {
      return Promise.reject(error);
    }
    const timeoutMs = options.timeoutMs ?? this.options.commandTimeoutMs;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      return Promise.reject(new RconRequestError(`The timeout must be a positive number, got ${timeoutMs}.`));
    }
    this.sequence += 1;
    const sentinel = `rcondesk-end-${this.nonce}-${this.sequence}`;
    return new Promise<string>((resolve, reject) => {
      const pending: PendingCommand = {
        endLine: unknownCommandLine(sentinel),
        lines: [],
        size: 0,
        resolve,
        reject,
        timer: setTimeout(() => {
          // The answer cannot be told apart from the next one any more: start afresh.
          this.shutdown(
            new RconTimeoutError(
              'command',
              timeoutMs,
              'the connection is closed, since later answers would be mixed up',
            ),
          );
        }, timeoutMs),
      };
      this.queue.push(pending);
      socket.write(Buffer.from(`${command}\r\n${sentinel}\r\n`, this.options.encoding));
    });
  }

  checkCommand(command: string): void {
    if (typeof command !== 'string') throw new RconRequestError('A command must be text.');
    if (/[\r\n]/.test(command)) {
      throw new RconRequestError('A telnet command is one line: it cannot contain a line break.');
    }
    const bytes = Buffer.byteLength(command, this.options.encoding);
    if (bytes > this.options.maxCommandBytes) {
      throw new RconRequestError(
        `The command is ${bytes} bytes long; the limit is ${this.options.maxCommandBytes} bytes.`,
      );
    }
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      this.shutdown(undefined);
      return Promise.resolve();
    }
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    // `exit` ends the session politely, as the console's banner asks.
    if (this.authenticated) socket.write('exit\r\n');
    this.shutdown(undefined);
    // A server that never closes its side must not keep us waiting.
    const timer = setTimeout(() => socket.destroy(), 1_000);
    return closed.finally(() => clearTimeout(timer));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private receive(chunk: Buffer): void {
    this.lastReceived = performance.now();
    for (const line of this.splitter.push(chunk.toString(this.options.encoding))) {
      this.handleLine(line);
      if (this.currentStatus === 'closed') return;
    }
    if (this.splitter.pending.length > this.options.maxResponseBytes) {
      this.shutdown(
        new RconProtocolError('The server sent a line longer than the answer limit: the connection is closed.'),
      );
      return;
    }
    const login = this.login;
    if (login && !login.passwordSent && PASSWORD_PROMPT.test(this.splitter.pending)) {
      this.splitter.takePending();
      this.sendPassword(login);
    }
  }

  private handleLine(line: string): void {
    const login = this.login;
    if (login) {
      if (!login.passwordSent) {
        if (PASSWORD_PROMPT.test(line)) this.sendPassword(login);
        return;
      }
      if (line.includes(LOGON_OK)) {
        // The banner may follow in the same read: from here on lines are server messages.
        this.login = undefined;
        this.setStatus('ready');
        login.resolve();
      } else if (TOO_MANY_FAILURES.test(line)) {
        login.reject(
          new RconAuthError('Refused: the server saw too many failed telnet logins from this address.', true),
        );
      } else if (WRONG_PASSWORD.test(line)) login.reject(RconAuthError.wrongPassword());
      return;
    }
    if (this.currentStatus !== 'ready') return;
    const current = this.queue[0];
    if (current && line === current.endLine) {
      this.queue.shift();
      clearTimeout(current.timer);
      current.resolve(trimBlankEdges(current.lines).join('\n'));
      return;
    }
    if (!current || LOG_LINE.test(line)) {
      // The server logs the sentinels too ("Executing command 'rcondesk-end-…'"): not worth showing.
      if (!line.includes(`rcondesk-end-${this.nonce}-`)) this.emitMessage(line);
      return;
    }
    current.size += line.length + 1;
    if (current.size > this.options.maxResponseBytes) {
      // No sentinel in sight: the rest of the stream cannot be matched to commands any more.
      this.shutdown(
        new RconResponseTooLargeError(
          `The answer grew past ${formatBytes(this.options.maxResponseBytes)} without its end: the connection is closed.`,
        ),
      );
      return;
    }
    current.lines.push(line);
  }

  private sendPassword(login: Login): void {
    login.passwordSent = true;
    this.socket?.write(Buffer.from(`${this.options.password ?? ''}\r\n`, this.options.encoding));
  }

  private emitMessage(text: string): void {
    if (text.trim() === '') return;
    this.emit('message', { id: 0, type: 0, text, body: Buffer.from(text, this.options.encoding) });
  }

  private lostError(): RconError {
    if (this.login?.passwordSent) {
      return new RconAuthError(
        'Refused: the server closed the connection instead of answering the password (a ban, or too many failed logins).',
        true,
      );
    }
    if (this.login)
      return new RconConnectionError('closed', `${this.address} closed the connection before asking for the password.`);
    return new RconConnectionError('closed', `The server at ${this.address} closed the connection.`);
  }

  private shutdown(error: RconError | undefined): void {
    if (this.currentStatus === 'closed') return;
    const failure = error ?? new RconConnectionError('closed', 'The connection was closed.');
    this.login?.reject(failure);
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(failure);
    }
    if (error) this.socket?.destroy();
    else this.socket?.end();
    this.setStatus('closed');
    this.emit('close', error);
  }
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start += 1;
  while (end > start && lines[end - 1]!.trim() === '') end -= 1;
  return lines.slice(start, end);
}
