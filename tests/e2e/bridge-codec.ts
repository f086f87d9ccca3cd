/**
 * The text form of what crosses the e2e harness's bridge socket (tests/e2e/bridge-socket.ts), in
 * both directions. Electron's IPC clones values; JSON alone would turn `undefined` in an argument
 * list and NaN or Infinity into null, and the IPC sweep sends exactly those. They travel tagged.
 */

const TAG = '\u0000bridge';
type Tagged = { [TAG]: 'undefined' | 'NaN' | 'Infinity' | '-Infinity' };

function tag(value: unknown): unknown {
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { [TAG]: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  return value;
}

function untag(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, TAG)) return value;
  switch ((value as Tagged)[TAG]) {
    case 'undefined':
      return undefined;
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    default:
      return value;
  }
}

export function encodeBridgeMessage(message: unknown): string {
  return JSON.stringify(message, (_key, value: unknown) => tag(value));
}

export function decodeBridgeMessage(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => untag(value));
}

/** Page → harness. */
export type PageMessage =
  { type: 'invoke'; id: number; channel: string; args: unknown } | { type: 'synced'; id: number };

/** Harness → page. */
export type HarnessMessage =
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'push'; channel: string; payload: unknown }
  | { type: 'sync'; id: number };
