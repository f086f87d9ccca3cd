import type { CommandResult } from './commands';
import type { FragmentUnit, TextEncoding } from './options';

/**
 * Cuts an answer into packet bodies of at most `max` units. An empty answer is still one
 * empty body: servers always answer a command with at least one packet.
 */
export function fragmentAnswer(
  answer: CommandResult,
  max: number,
  unit: FragmentUnit,
  encoding: TextEncoding,
): Buffer[] {
  if (typeof answer === 'string' && unit === 'utf16') {
    return splitUtf16(answer, max).map((part) => Buffer.from(part, encoding));
  }
  const bytes = typeof answer === 'string' ? Buffer.from(answer, encoding) : answer;
  return splitBytes(bytes, max);
}

/** Splits on byte boundaries, even inside a multi-byte character, as Source does. */
export function splitBytes(bytes: Buffer, max: number): Buffer[] {
  if (bytes.length === 0) return [Buffer.alloc(0)];
  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += max) parts.push(bytes.subarray(offset, offset + max));
  return parts;
}

/** Minecraft counts String.length (UTF-16 code units); a surrogate pair is kept whole. */
function splitUtf16(text: string, max: number): string[] {
  if (text.length === 0) return [''];
  const parts: string[] = [];
  let offset = 0;
  while (offset < text.length) {
    let end = Math.min(offset + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - offset > 1 && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(offset, end));
    offset = end;
  }
  return parts;
}
