import type { SessionEvent } from './api';

/**
 * Largest text of one `output` event sent to the window, in UTF-16 code units (256 Ki). A longer
 * one (a 20 MiB `cvarlist`) crosses the bridge in consecutive parts, so no single message costs the
 * window a long task to receive; the renderer puts the parts back together (terminal/registry.ts).
 */
export const OUTPUT_PART_CHARS = 256 * 1024;

/**
 * The events to send to the window for one session event: itself, or for a long output its parts,
 * cut after a line end where there is one and never inside a surrogate pair, all but the last
 * marked `more`. The parts joined give back the text exactly.
 */
export function outputParts(event: SessionEvent, maxChars = OUTPUT_PART_CHARS): SessionEvent[] {
  if (event.type !== 'output' || event.text.length <= maxChars) return [event];
  if (!Number.isInteger(maxChars) || maxChars < 2) {
    throw new RangeError(`maxChars must be an integer of at least 2, got ${maxChars}.`);
  }
  const { text } = event;
  const parts: SessionEvent[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start + maxChars;
    if (end >= text.length) {
      end = text.length;
    } else {
      const lineEnd = text.lastIndexOf('\n', end - 1);
      if (lineEnd >= start) end = lineEnd + 1;
      else {
        const code = text.charCodeAt(end - 1);
        if (code >= 0xd800 && code <= 0xdbff) end -= 1; // keep a high surrogate with its low half
      }
    }
    const last = end === text.length;
    parts.push({ ...event, text: text.slice(start, end), ...(last ? {} : { more: true }) });
    start = end;
  }
  return parts;
}
