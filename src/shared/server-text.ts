/**
 * Text from a game server is untrusted: the server, anyone on the path, and every player whose
 * name or chat it echoes choose its bytes. Written raw to a terminal (the `rcon` shell) or to
 * xterm.js (the app's console), escape sequences in it could set the clipboard (OSC 52), retitle
 * the window, move the cursor over earlier output, switch screens and modes, or make the terminal
 * type replies (CSI c, XTVERSION) at the prompt. This is the one filter both use.
 *
 * What is kept: printable text, newline, tab, Minecraft `§` codes (plain characters here), and SGR
 * sequences reduced to colour (foreground and background, 16, 256 and true colour), bold, italic
 * and underline. What goes:
 * - every other escape sequence, consumed whole: CSI (cursor, erase, modes, queries, other SGR
 *   such as 8 conceal, 5 blink, 7 inverse), OSC, DCS, APC, PM, SOS, and the two-byte ESC forms
 *   (RIS, charset switches, cursor save/restore); an unterminated string sequence runs to the end
 *   of the text, so its payload is never shown as if it were text;
 * - the same sequences introduced by C1 characters (U+009B is CSI, U+009D OSC, …), and every
 *   other C0 and C1 control, DEL included. A lone CR becomes a newline, so a line cannot be
 *   written over its own start (a `[server]` prefix, say); CR LF becomes LF.
 * - bidi embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069) are shown as a
 *   visible `<U+202E>` marker, so `exe.txt` never displays as `txt.exe`. The left-to-right and
 *   right-to-left marks (U+200E, U+200F, U+061C) are kept: they only set the direction of the
 *   neutral characters next to them, cannot reorder a run of letters, and appear in real player
 *   names written in Arabic or Hebrew.
 *
 * The function is stateless: each answer or message is filtered whole. A sequence cut by the end
 * of one text is dropped up to that end, and what follows it in the next text is then only
 * printable characters, since its introducer is gone.
 */

const ESC = 0x1b;
const BEL = 0x07;

/** C1 introducers and the ESC-final they stand for. */
const C1_INTRODUCERS: Readonly<Record<number, string>> = {
  0x9b: '[', // CSI
  0x9d: ']', // OSC
  0x90: 'P', // DCS
  0x9f: '_', // APC
  0x9e: '^', // PM
  0x98: 'X', // SOS
};
const C1_ST = 0x9c;

/** Sequences whose payload runs until ST (ESC \ or U+009C), or BEL for OSC as xterm accepts. */
const STRING_INTRODUCERS = new Set([']', 'P', '_', '^', 'X']);

/** Bidi controls that reorder or isolate runs of text. */
export function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** How a removed bidi control is shown: visible, and harmless to every terminal. */
export function bidiMarker(code: number): string {
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

const isC0 = (code: number): boolean => code < 0x20 || code === 0x7f;
const isC1 = (code: number): boolean => code >= 0x80 && code <= 0x9f;

/** The SGR parameters that only colour or style text: never hide it, blink it or invert it. */
const SIMPLE_SGR = new Set([0, 1, 3, 4, 22, 23, 24, 39, 49]);
const isSimpleSgr = (n: number): boolean =>
  SIMPLE_SGR.has(n) || (n >= 30 && n <= 37) || (n >= 40 && n <= 47) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107);

/**
 * The allowed part of an SGR parameter list, or '' when nothing is left. `38;5;n` and `38;2;r;g;b`
 * (and 48) are kept whole when well-formed; a malformed extended colour ends the list, as the rest
 * of it could not be read the way a terminal would.
 */
export function filterSgrParams(params: string): string {
  if (params === '') return '0';
  if (!/^[0-9;]*$/.test(params)) return '';
  const numbers = params.split(';').map((part) => (part === '' ? 0 : Number(part)));
  const kept: number[] = [];
  for (let index = 0; index < numbers.length; index += 1) {
    const n = numbers[index]!;
    if (n === 38 || n === 48) {
      const mode = numbers[index + 1];
      const channels = mode === 5 ? 1 : mode === 2 ? 3 : 0;
      const values = numbers.slice(index + 2, index + 2 + channels);
      if (channels === 0 || values.length < channels || values.some((value) => value > 255)) break;
      kept.push(n, mode!, ...values);
      index += 1 + channels;
      continue;
    }
    if (isSimpleSgr(n)) kept.push(n);
  }
  return kept.join(';');
}

/** Returns the index just past a CSI sequence whose parameters start at `from`, and the sequence if it is an SGR. */
function scanCsi(text: string, from: number): { end: number; sgrParams?: string } {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code >= 0x30 && code <= 0x3f)
      at += 1; // parameter bytes
    else break;
  }
  const paramsEnd = at;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code >= 0x20 && code <= 0x2f)
      at += 1; // intermediate bytes
    else break;
  }
  if (at >= text.length) return { end: text.length };
  const final = text.charCodeAt(at);
  if (final >= 0x40 && final <= 0x7e) {
    const isSgr = final === 0x6d && paramsEnd === at; // 'm' with no intermediates
    return { end: at + 1, sgrParams: isSgr ? text.slice(from, paramsEnd) : undefined };
  }
  // Not a valid final byte: the terminal aborts the sequence there; the byte is filtered on its own.
  return { end: at };
}

/** Index just past the string terminator of an OSC/DCS/APC/PM/SOS payload starting at `from`, or the end. */
function scanString(text: string, from: number): number {
  for (let at = from; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === BEL || code === C1_ST) return at + 1;
    if (code === ESC) return text.charCodeAt(at + 1) === 0x5c ? at + 2 : at; // ESC \ ends it; another ESC starts anew
  }
  return text.length;
}

/** Index just past a two-byte (or longer, with intermediates) ESC sequence whose bytes start at `from`. */
function scanEscape(text: string, from: number): number {
  let at = from;
  while (at < text.length && text.charCodeAt(at) >= 0x20 && text.charCodeAt(at) <= 0x2f) at += 1;
  if (at < text.length && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x7e) return at + 1;
  return at;
}

/** Server text made harmless for a terminal; see the file comment for what is kept. */
export function sanitizeServerText(text: string): string {
  let out = '';
  let plainStart = 0;
  let at = 0;
  const flush = (): void => {
    if (plainStart < at) out += text.slice(plainStart, at);
  };
  while (at < text.length) {
    const code = text.charCodeAt(at);
    const special = isC0(code) || isC1(code) || isBidiControl(code);
    if (!special || code === 0x0a || code === 0x09) {
      at += 1;
      continue;
    }
    flush();
    let next = at + 1;
    if (code === 0x0d) {
      out += '\n';
      if (text.charCodeAt(next) === 0x0a) next += 1;
    } else if (isBidiControl(code)) {
      out += bidiMarker(code);
    } else if (code === ESC || C1_INTRODUCERS[code] !== undefined) {
      const kind = code === ESC ? text[next] : C1_INTRODUCERS[code];
      if (code === ESC) next += 1;
      if (kind === undefined) {
        // A lone ESC at the very end: nothing follows to interpret.
      } else if (kind === '[') {
        const csi = scanCsi(text, next);
        next = csi.end;
        if (csi.sgrParams !== undefined) {
          const kept = filterSgrParams(csi.sgrParams);
          if (kept !== '') out += `\x1b[${kept}m`;
        }
      } else if (STRING_INTRODUCERS.has(kind)) {
        next = scanString(text, next);
      } else if (code === ESC) {
        next = scanEscape(text, next - 1);
      }
    }
    // Every other C0 or C1 control is dropped.
    at = next;
    plainStart = at;
  }
  flush();
  return out;
}

/** True when the text would pass through the sanitizer unchanged (a fast path for the common case). */
export function isPlainServerText(text: string): boolean {
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if ((isC0(code) && code !== 0x0a && code !== 0x09) || isC1(code) || isBidiControl(code)) return false;
  }
  return true;
}
