import { maskSecret } from '../../shared/sensitive-commands';

/** Marks an output event as one part of an output told in parts (see SessionEvent `stream`). */
export interface OutputPart {
  stream: string;
  more: boolean;
}

let lastStream = 0;

/**
 * A command's answer told as output events while it arrives (RconClient's ExecuteOptions.onPart):
 * every part carries the same `stream` id, all but the last `more: true`, and the parts joined are
 * the answer exactly as one event would have carried it, the session's password masked.
 *
 * A password split between two parts would escape a mask applied to each part alone, so the end
 * of a part that could be the start of the password is held back for the next one.
 */
export class StreamedAnswer {
  readonly stream = `answer-${(lastStream += 1)}`;
  private received = 0;
  private held = '';
  private begun = false;

  constructor(
    private readonly emit: (text: string, part: OutputPart) => void,
    private readonly secret: string | undefined,
  ) {}

  /** Whether a part went out: the answer is then told in parts, ended by finish() or abort(). */
  get started(): boolean {
    return this.begun;
  }

  /** For ExecuteOptions.onPart: a part of the answer's raw text. */
  readonly onPart = (text: string): void => {
    this.received += text.length;
    const gathered = this.held + text;
    const cut = this.safeCut(gathered);
    this.held = gathered.slice(cut);
    if (cut === 0) return;
    this.begun = true;
    this.emit(maskSecret(gathered.slice(0, cut), this.secret), { stream: this.stream, more: true });
  };

  /** The command succeeded with `whole` (its raw text, starting with the parts): sends the last part. */
  finish(whole: string): void {
    const last = this.held + whole.slice(this.received);
    this.held = '';
    this.emit(maskSecret(last, this.secret), { stream: this.stream, more: false });
  }

  /** The command failed after parts went out: ends the answer with what had arrived. */
  abort(): void {
    if (!this.begun) return;
    const last = this.held;
    this.held = '';
    this.emit(maskSecret(last, this.secret), { stream: this.stream, more: false });
  }

  /**
   * Where `text` can be cut without splitting an occurrence of the secret, nor holding back more
   * than could start one: after its last line end when that is early enough, else just before the
   * last `secret.length - 1` characters, moved past any occurrence that would straddle it.
   */
  private safeCut(text: string): number {
    const secret = this.secret;
    if (!secret) return text.length;
    let cut = Math.max(0, text.length - (secret.length - 1));
    for (;;) {
      const at = cut === 0 ? -1 : text.lastIndexOf(secret, cut - 1);
      if (at < 0 || at + secret.length <= cut) break;
      cut = at + secret.length;
    }
    // A line end is a cut no occurrence straddles, unless the secret itself holds one.
    if (secret.includes('\n')) return cut;
    const lineEnd = text.lastIndexOf('\n', cut - 1) + 1;
    return lineEnd > 0 ? lineEnd : cut;
  }
}
