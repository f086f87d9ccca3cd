import { StringDecoder } from 'node:string_decoder';
import type { RconEncoding } from './options';

/** Default size from which an answer's text is handed on while it arrives, in UTF-16 code units. */
export const DEFAULT_STREAM_PART_CHARS = 64 * 1024;

/**
 * A command's answer decoded as its packets arrive, handed on in parts of at least `partChars`
 * characters that end at a line end: a 20 MiB `cvarlist` reaches the console while the server is
 * still sending it, instead of as one string at the end. A part is cut inside a line only when the
 * line alone is over four times `partChars`, so memory stays bounded whatever the server sends.
 *
 * The decoder keeps a character split between two packets whole, so the parts joined with
 * `finish()` are the answer's text exactly; nothing is handed on twice or lost.
 */
export class AnswerStream {
  private readonly decoder: StringDecoder;
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly sent: string[] = [];

  constructor(
    encoding: RconEncoding,
    private readonly onPart: (text: string) => void,
    private readonly partChars = DEFAULT_STREAM_PART_CHARS,
  ) {
    if (!Number.isInteger(partChars) || partChars < 2) {
      throw new RangeError(`partChars must be an integer of at least 2, got ${partChars}.`);
    }
    this.decoder = new StringDecoder(encoding);
  }

  /** Whether a part has been handed on (the answer is then told in parts, the last from finish()). */
  get started(): boolean {
    return this.sent.length > 0;
  }

  /** Takes the bytes of one more packet; hands on a part once enough text has gathered. */
  push(body: Buffer): void {
    const text = this.decoder.write(body);
    if (text === '') return;
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars < this.partChars) return;
    const gathered = this.pending.join('');
    let cut = gathered.lastIndexOf('\n') + 1;
    if (cut === 0) {
      if (gathered.length < 4 * this.partChars) {
        this.pending = [gathered];
        return;
      }
      cut = gathered.length;
      const code = gathered.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep a high surrogate with its low half
    }
    const part = gathered.slice(0, cut);
    const rest = gathered.slice(cut);
    this.pending = rest === '' ? [] : [rest];
    this.pendingChars = rest.length;
    this.sent.push(part);
    this.onPart(part);
  }

  /**
   * Ends the answer: returns what was not handed on yet (the last part, possibly empty) and the
   * whole text, the parts handed on followed by the last.
   */
  finish(): { last: string; whole: string } {
    const last = this.pending.join('') + this.decoder.end();
    this.pending = [];
    this.pendingChars = 0;
    const whole = this.sent.length === 0 ? last : this.sent.join('') + last;
    this.sent.length = 0;
    return { last, whole };
  }
}
