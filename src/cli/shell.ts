import { clearLine, clearScreenDown, createInterface, cursorTo, moveCursor, type Interface } from 'node:readline';
import type { RconClientOptions, RconError } from '../main/rcon';
import { PROTOCOL_DEFAULT_PORTS, type RemoteConsole } from '../main/protocol/remote-console';
import { formatServerAddress, type ServerAddress } from './address';
import type { ConnectionSettings } from './args';
import { CommandCompleter, parseCvarList } from '../shared/command-completion';
import { describeError, exitCodeFor, ExitCode } from './exit-codes';
import { HISTORY_LIMIT, redactForHistory, removeOlderCopies, type HistoryStore } from './history';
import { MutableOutput, type TerminalOutput } from './password-prompt';
import { OutputFlow } from './output-flow';
import { formatServerMessage, serverTextForOutput } from './server-message';
import { isSensitiveCommand, maskCommand } from '../shared/sensitive-commands';
import { describeDialect, helpText, parseConnectCommand, SHELL_COMMANDS, shutdownWordOf } from './shell-commands';

export type ClientFactory = (options: RconClientOptions) => RemoteConsole;

export interface ShellOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: TerminalOutput;
  /** Where errors and warnings go; defaults to output. */
  errorOutput?: NodeJS.WritableStream;
  createClient: ClientFactory;
  settings: ConnectionSettings;
  /** Line editing, completion and history; defaults to whether input and output are terminals. */
  terminal?: boolean;
  /** Whether to print prompts and the greeting; defaults to `terminal`, so piped scripts print only answers. */
  showPrompts?: boolean;
  history?: HistoryStore;
  /** Port of a !connect address that names none (the --game's, or 27015). */
  defaultPort?: number;
  /** Print the server's bytes untouched (--raw) instead of through the sanitizer. */
  raw?: boolean;
}

export const DISCONNECTED_PROMPT = 'rcon> ';

type InputEvent = { kind: 'line'; text: string } | { kind: 'end' } | { kind: 'cancel' };

interface Connection {
  client: RemoteConsole;
  address: ServerAddress;
}

/**
 * The interactive RCON shell: lines starting with `!` are for the shell, everything else goes
 * to the server. Lines are handled one at a time, in order, so a piped script behaves like typing.
 */
export class RconShell {
  private readonly input: ShellOptions['input'];
  private readonly output: TerminalOutput;
  private readonly errorOutput: NodeJS.WritableStream;
  private readonly createClient: ClientFactory;
  private readonly settings: ConnectionSettings;
  private readonly terminal: boolean;
  private readonly showPrompts: boolean;
  private readonly historyStore: HistoryStore | undefined;
  private readonly defaultPort: number | undefined;
  private readonly raw: boolean;
  private readonly completer = new CommandCompleter(SHELL_COMMANDS.map((command) => command.name));
  private readonly readlineOutput: MutableOutput;
  private rl: Interface | undefined;
  private history: string[] = [];

  private readonly pendingLines: string[] = [];
  private waitingForLine: ((event: InputEvent) => void) | undefined;
  private inputEnded = false;
  /** Set while a question (password, confirmation) is open, so Ctrl-C cancels it. */
  private questionOpen = false;
  /** The next line readline records answers a question: history must not keep it (it may be a password). */
  private answerPending = false;

  private connection: Connection | undefined;
  /** Backpressure from the output to the open connection's socket. */
  private flow: OutputFlow | undefined;
  private promptVisible = false;
  private currentPrompt = DISCONNECTED_PROMPT;
  /** A server command is running; its own error report covers a connection lost meanwhile. */
  private commandRunning = false;
  private leaving = false;
  private learningNames: Promise<void> = Promise.resolve();

  constructor(options: ShellOptions) {
    this.input = options.input;
    this.output = options.output;
    this.errorOutput = options.errorOutput ?? options.output;
    this.createClient = options.createClient;
    this.settings = options.settings;
    this.terminal = options.terminal ?? (options.input.isTTY === true && options.output.isTTY === true);
    this.showPrompts = options.showPrompts ?? this.terminal;
    this.historyStore = options.history;
    this.defaultPort = options.defaultPort;
    this.raw = options.raw ?? false;
    this.readlineOutput = new MutableOutput(options.output);
  }

  /** The open connection's address, if any. */
  get connectedTo(): ServerAddress | undefined {
    return this.connection?.address;
  }

  /** Settles once the names from the last background cvarlist are known (or it failed). */
  get namesLearned(): Promise<void> {
    return this.learningNames;
  }

  complete(line: string): [string[], string] {
    return this.completer.complete(line);
  }

  /**
   * Connects first when given an address (a failure there ends the run with its exit code, since
   * the user asked for that server), then reads lines until !exit or the end of the input.
   */
  async run(initial?: { address: ServerAddress; password: string }): Promise<ExitCode> {
    if (initial) {
      const failure = await this.connect(initial.address, initial.password);
      if (failure) {
        this.readlineOutput.detach();
        return exitCodeFor(failure.error);
      }
    }
    this.openReadline();
    if (this.showPrompts) this.output.write('RCON shell: type !help for commands, !exit or Ctrl-D to leave.\n');
    try {
      while (!this.leaving) {
        const event = await this.readLine(this.prompt());
        if (event.kind === 'end') break;
        if (event.kind === 'line') await this.handleLine(event.text);
      }
    } finally {
      await this.close();
    }
    return ExitCode.ok;
  }

  private openReadline(): void {
    this.history = this.historyStore?.load() ?? [];
    const rl = createInterface({
      input: this.input,
      output: this.readlineOutput,
      terminal: this.terminal,
      completer: (line: string) => this.completer.complete(line),
      history: this.history,
      historySize: HISTORY_LIMIT,
      removeHistoryDuplicates: true,
      crlfDelay: Infinity,
      prompt: this.currentPrompt,
    });
    rl.on('line', (line) => {
      if (this.terminal && !this.answerPending && isSensitiveCommand(line)) this.maskTypedLine(line);
      this.deliver({ kind: 'line', text: line });
    });
    rl.on('close', () => {
      this.inputEnded = true;
      // Ctrl-D leaves the cursor after the prompt.
      if (this.promptVisible && this.terminal) this.output.write('\n');
      this.deliver({ kind: 'end' });
    });
    rl.on('SIGINT', () => this.onInterrupt());
    rl.on('history', (history) => {
      // Readline records the line before handing it over: take answers back out at once.
      // Commands that carry a secret are never recalled nor saved (see shared/sensitive-commands.ts).
      if (this.answerPending || isSensitiveCommand(history[0] ?? '')) history.shift();
      else if (history[0] !== undefined) removeOlderCopies(history, redactForHistory(history[0]));
      this.history = history;
    });
    this.rl = rl;
  }

  /** Writes the line just typed over with its secret masked, so it does not stay on the screen. */
  private maskTypedLine(line: string): void {
    const columns = this.output.columns ?? 80;
    const rows = Math.max(1, Math.ceil((this.currentPrompt.length + line.length) / Math.max(1, columns)));
    moveCursor(this.output, 0, -rows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this.output.write(`${this.currentPrompt}${maskCommand(line)}\n`);
  }

  private deliver(event: InputEvent): void {
    if (event.kind === 'line') this.answerPending = false;
    const waiter = this.waitingForLine;
    if (waiter) {
      this.waitingForLine = undefined;
      waiter(event);
    } else if (event.kind === 'line') {
      this.pendingLines.push(event.text);
    }
  }

  /**
   * Shows the prompt and waits for the next line, which may already have been typed or piped.
   * Questions are shown even when prompts are not: someone has to know what the next line is for.
   */
  private readLine(prompt: string, question?: { hidden: boolean }): Promise<InputEvent> {
    const rl = this.rl;
    const queued = this.pendingLines.shift();
    if (queued !== undefined) {
      // A line typed ahead in a terminal was echoed under an earlier prompt; a piped one was not.
      if (question || (this.showPrompts && !this.terminal)) this.output.write(prompt);
      return Promise.resolve({ kind: 'line', text: queued });
    }
    if (this.inputEnded || !rl) {
      if (question) this.output.write(prompt);
      return Promise.resolve({ kind: 'end' });
    }
    this.currentPrompt = prompt;
    if (this.showPrompts) {
      rl.setPrompt(prompt);
      rl.prompt();
    } else if (question) {
      this.output.write(prompt);
    }
    const hidden = question?.hidden === true;
    if (hidden) this.readlineOutput.mute();
    this.answerPending = question !== undefined;
    this.promptVisible = true;
    return new Promise<InputEvent>((resolve) => {
      this.waitingForLine = resolve;
    }).then((event) => {
      this.promptVisible = false;
      this.answerPending = false;
      if (hidden) {
        this.readlineOutput.unmute();
        // Readline's own newline after Enter was muted with the rest.
        if (this.terminal && event.kind === 'line') this.output.write('\n');
      }
      return event;
    });
  }

  /** Asks for a password or a confirmation; resolves to undefined on Ctrl-C or the end of input. */
  private async ask(question: string, hidden: boolean): Promise<string | undefined> {
    this.questionOpen = true;
    try {
      const event = await this.readLine(question, { hidden });
      // Without a terminal nothing echoed the answer, so nothing ended the question's line.
      if (!this.terminal && event.kind !== 'cancel') this.output.write('\n');
      return event.kind === 'line' ? event.text : undefined;
    } finally {
      this.questionOpen = false;
    }
  }

  private onInterrupt(): void {
    const rl = this.rl;
    if (!rl) return;
    const hadText = rl.line !== '';
    // Drop what was typed without letting readline redraw it: end of line, then delete to its start.
    const wasMuted = this.readlineOutput.isMuted;
    this.readlineOutput.mute();
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    if (!wasMuted) this.readlineOutput.unmute();
    this.output.write('^C\n');
    if (this.questionOpen && this.waitingForLine) {
      this.deliver({ kind: 'cancel' });
      return;
    }
    if (!hadText) {
      this.errorOutput.write(
        this.commandRunning
          ? `(still waiting for the answer; it times out after ${this.settings.commandTimeoutMs / 1000} s)\n`
          : '(to leave, type !exit or press Ctrl-D)\n',
      );
    }
    if (this.promptVisible && this.showPrompts) rl.prompt();
  }

  private prompt(): string {
    return this.connection ? `${formatServerAddress(this.connection.address)}> ` : DISCONNECTED_PROMPT;
  }

  private async handleLine(line: string): Promise<void> {
    const command = line.trim();
    if (command === '') return;
    if (command.startsWith('!')) {
      await this.runShellCommand(command);
      return;
    }
    const shutdownWord = shutdownWordOf(command);
    if (shutdownWord !== undefined) {
      this.warn(
        `"${shutdownWord}" would shut the server down, so it was not sent. ` +
          'Type !exit to leave the shell, or !shutdown to stop the server.',
      );
      return;
    }
    const connection = this.connection;
    if (!connection) {
      this.warn('not connected: use !connect HOST[:PORT] first (!help lists the shell commands)');
      return;
    }
    await this.sendToServer(connection, command);
  }

  private async sendToServer(connection: Connection, command: string): Promise<string | undefined> {
    this.commandRunning = true;
    try {
      const answer = await connection.client.execute(command);
      this.writeAnswer(answer);
      return answer;
    } catch (error) {
      this.reportError(error);
      return undefined;
    } finally {
      this.commandRunning = false;
    }
  }

  private writeAnswer(received: string): void {
    const answer = serverTextForOutput(received, this.raw);
    if (answer === '') return;
    this.writeServerText(this.output, answer.endsWith('\n') ? answer : `${answer}\n`);
  }

  private writeServerText(stream: NodeJS.WritableStream, text: string): void {
    if (this.flow) this.flow.write(stream, text);
    else stream.write(text);
  }

  private async runShellCommand(command: string): Promise<void> {
    const [name = '', ...rest] = command.split(/\s+/);
    switch (name.toLowerCase()) {
      case '!connect':
        await this.connectCommand(command);
        return;
      case '!disconnect':
        await this.disconnectCommand();
        return;
      case '!shutdown':
        await this.shutdownCommand();
        return;
      case '!help':
        this.output.write(helpText());
        return;
      case '!exit':
      case '!quit':
        this.leaving = true;
        return;
      default:
        this.warn(`unknown shell command ${name}${rest.length > 0 ? ' ...' : ''}: type !help for the list`);
    }
  }

  private async connectCommand(command: string): Promise<void> {
    // A protocol other than Source RCON has its own usual port; else the game's, else 27015.
    const port = this.settings.protocol === 'rcon' ? this.defaultPort : PROTOCOL_DEFAULT_PORTS[this.settings.protocol];
    const parsed = parseConnectCommand(command, port);
    if (typeof parsed === 'string') {
      this.warn(parsed);
      return;
    }
    const { address } = parsed;
    await this.disconnect();
    const password = parsed.password ?? (await this.ask(`Password for ${formatServerAddress(address)}: `, true));
    if (password === undefined) {
      this.notice('Not connected.');
      return;
    }
    await this.connect(address, password);
  }

  private async disconnectCommand(): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      this.warn('not connected');
      return;
    }
    await this.disconnect();
    this.notice(`Disconnected from ${formatServerAddress(connection.address)}.`);
  }

  private async shutdownCommand(): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      this.warn('not connected: nothing to shut down');
      return;
    }
    const where = formatServerAddress(connection.address);
    const answer = await this.ask(`Shut down the server at ${where}? [y/N] `, false);
    if (!answer || !/^\s*y(es)?\s*$/i.test(answer)) {
      this.notice('Not sent.');
      return;
    }
    // Minecraft calls it `stop`; Source, and most others, `exit`.
    const command = connection.client.dialect === 'minecraft' ? 'stop' : 'exit';
    await this.sendToServer(connection, command);
  }

  /** Opens a connection, replacing any other; resolves to the failure, already reported, if any. */
  private async connect(address: ServerAddress, password: string): Promise<{ error: unknown } | undefined> {
    await this.disconnect();
    let client: RemoteConsole | undefined;
    try {
      client = this.createClient({ host: address.host, port: address.port, password, ...this.settings });
      const opened = client;
      const flow = new OutputFlow(
        () => opened.pauseReading?.(),
        () => opened.resumeReading?.(),
      );
      this.flow = flow;
      client.on('message', (message) => this.printServerMessage(message.text));
      client.on('close', (error) => this.onConnectionClosed(opened, error));
      await client.connect();
    } catch (error) {
      await client?.close();
      client?.removeAllListeners();
      this.reportError(error);
      return { error };
    }
    this.connection = { client, address };
    const kind =
      this.settings.protocol === 'rcon' ? describeDialect(client.dialect, client.echoesIds) : this.settings.protocol;
    this.notice(`Connected to ${formatServerAddress(address)} (${kind}).`);
    if (client.dialect === 'source') this.learnNames(client);
    return undefined;
  }

  /** Asks a Source server for its variable and command names, for Tab, without holding up the prompt. */
  private learnNames(client: RemoteConsole): void {
    this.learningNames = client.execute('cvarlist').then(
      (list) => {
        if (this.connection?.client === client) this.completer.setServerNames(parseCvarList(list));
      },
      () => undefined,
    );
  }

  private async disconnect(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    this.connection = undefined;
    this.flow = undefined;
    this.completer.setServerNames([]);
    await connection.client.close();
    connection.client.removeAllListeners();
  }

  private onConnectionClosed(client: RemoteConsole, error: RconError | undefined): void {
    if (this.connection?.client !== client) return;
    this.connection = undefined;
    this.completer.setServerNames([]);
    if (error && !this.commandRunning)
      this.printAbovePrompt(this.errorOutput, `rcon: connection lost: ${describeError(error)}\n`);
  }

  private printServerMessage(text: string): void {
    const lines = formatServerMessage(text, this.raw);
    if (lines === '') return;
    // Without a prompt to redraw (a pipe), the text goes through the backpressure flow.
    if (!this.rl || !this.promptVisible || !this.showPrompts) this.writeServerText(this.output, lines);
    else this.printAbovePrompt(this.output, lines);
  }

  /** Prints on its own lines and puts the prompt, with whatever was typed, back underneath. */
  private printAbovePrompt(stream: NodeJS.WritableStream, text: string): void {
    const rl = this.rl;
    if (!rl || !this.promptVisible || !this.showPrompts) {
      stream.write(text);
      return;
    }
    const prompt = this.questionOpen ? this.currentPrompt : this.prompt();
    if (this.terminal) {
      cursorTo(this.output, 0);
      clearLine(this.output, 0);
      stream.write(text);
      rl.setPrompt(prompt);
      if (this.readlineOutput.isMuted) this.output.write(prompt);
      else rl.prompt(true);
    } else {
      this.output.write('\n');
      stream.write(text);
      this.output.write(prompt);
    }
  }

  /** What the shell itself has to say goes to the error stream, so that output holds only answers. */
  private notice(message: string): void {
    this.errorOutput.write(`${message}\n`);
  }

  private warn(message: string): void {
    this.errorOutput.write(`rcon: ${message}\n`);
  }

  private reportError(error: unknown): void {
    this.warn(describeError(error));
  }

  private async close(): Promise<void> {
    this.leaving = true;
    this.historyStore?.save(this.history);
    this.rl?.close();
    this.readlineOutput.detach();
    await this.disconnect();
  }
}
