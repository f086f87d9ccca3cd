import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** An output stream that may be a terminal: readline reads its width and listens for resizes. */
export type TerminalOutput = NodeJS.WritableStream & { columns?: number; rows?: number; isTTY?: boolean };

/**
 * Stands between readline and the real output so that echo can be switched off while a password
 * is typed: readline itself has no such switch, and it redraws the line on every keystroke.
 */
export class MutableOutput extends Writable {
  private muted = false;
  private readonly forwardResize = (): void => {
    this.emit('resize');
  };

  constructor(private readonly target: TerminalOutput) {
    super({ decodeStrings: false });
    target.on('resize', this.forwardResize);
  }

  /** Stops listening to the target, which outlives this wrapper. */
  detach(): void {
    this.target.removeListener('resize', this.forwardResize);
  }

  get columns(): number | undefined {
    return this.target.columns;
  }

  get rows(): number | undefined {
    return this.target.rows;
  }

  get isTTY(): boolean {
    return this.target.isTTY === true;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  mute(): void {
    this.muted = true;
  }

  unmute(): void {
    this.muted = false;
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // Forward synchronously so readline's writes stay in order with direct writes to the target.
    if (!this.muted) this.target.write(chunk);
    callback();
  }
}

export interface HiddenPromptOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: TerminalOutput;
  prompt: string;
}

/**
 * Reads one line without echoing it, for passwords typed at startup. Resolves to undefined when
 * the user gives up (Ctrl-C or Ctrl-D). Only used on a terminal: piped input has no one to ask.
 */
export function readHiddenLine({ input, output, prompt }: HiddenPromptOptions): Promise<string | undefined> {
  const muted = new MutableOutput(output);
  // No history: the password must not come back with the up arrow.
  const rl = createInterface({ input, output: muted, terminal: input.isTTY === true, historySize: 0 });
  output.write(prompt);
  muted.mute();
  return new Promise<string | undefined>((resolve) => {
    let answer: string | undefined;
    rl.once('line', (line) => {
      answer = line;
      rl.close();
    });
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      muted.unmute();
      muted.detach();
      output.write('\n');
      resolve(answer);
    });
  });
}
