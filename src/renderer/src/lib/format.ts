import type { OutputKind, SessionInfo, SessionStatus } from '../../../shared/api';
import { sanitizeServerText } from '../../../shared/server-text';
import { minecraftToAnsi } from './minecraft-colors';

/** One piece of console output, as it arrives from the main process. */
export interface OutputEntry {
  kind: OutputKind;
  text: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface FormatOptions {
  timestamps: boolean;
}

const ESC = '\x1b';
export const SGR_RESET = `${ESC}[0m`;
const STYLE: Record<Exclude<OutputKind, 'response'>, string> = {
  command: `${ESC}[1;36m`, // bold cyan
  server: `${ESC}[2;33m`, // dim yellow
  error: `${ESC}[31m`, // red
  info: `${ESC}[90m`, // grey
};
const TIMESTAMP_STYLE = `${ESC}[90m`;
// eslint-disable-next-line no-control-regex -- matching ESC is the point
const SGR_PATTERN = /\x1b\[([0-9;]*)m/g;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The app's own lines (command echoes, status and error lines) start with this private OSC, which
 * the console turns into a gutter decoration drawn outside the text (console-terminal.ts). Server
 * text can never produce it: the sanitizer removes every OSC. So a server can print
 * `> rcon_password …` in bold cyan, but not the gutter mark of a real echo.
 */
export const GUTTER_OSC = 7771;
const gutterMark = (kind: OutputKind): string => `${ESC}]${GUTTER_OSC};${kind}\x07`;

/** Longer lines are cut, with a visible marker: one endless line would wrap into the whole scrollback. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * Cuts every line longer than `max` characters, saying how much was left out. The cut never
 * splits an SGR sequence (the only escapes left after sanitizing) nor a surrogate pair.
 */
export function cutLongLines(text: string, max = MAX_LINE_CHARS): string {
  if (text.length <= max) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= max) return line;
      let cut = max;
      const escape = line.lastIndexOf(ESC, cut);
      if (escape >= 0 && escape > cut - 32 && !line.slice(escape, cut).includes('m')) cut = escape;
      const code = line.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
      return `${line.slice(0, cut)}${SGR_RESET} … [line cut: ${line.length - cut} more characters]`;
    })
    .join('\n');
}

/** `HH:MM:SS` in local time. */
export function formatTime(at: number): string {
  const date = new Date(at);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** Splits text into lines: `\r\n` and `\n` both end a line; one trailing line end is dropped. */
export function splitLines(text: string): string[] {
  const normalised = text.replace(/\r\n/g, '\n');
  const trimmed = normalised.endsWith('\n') ? normalised.slice(0, -1) : normalised;
  return trimmed.split('\n');
}

/**
 * The SGR sequences still in effect at the end of `line`, given those in effect at its start:
 * used to restore a style after a timestamp prefix (which resets it) on the next line.
 */
export function carriedSgr(carried: string, line: string): string {
  let active = carried;
  for (const match of line.matchAll(SGR_PATTERN)) {
    const params = match[1] ?? '';
    if (params === '' || params === '0') active = '';
    else if (params.startsWith('0;')) active = `${ESC}[${params.slice(2)}m`;
    else active += match[0];
  }
  return active;
}

/**
 * Turns one output entry into the exact string written to xterm: sanitized (shared/server-text.ts:
 * no cursor moves, erases, modes, queries, OSC, conceal or bidi overrides; colours kept), long
 * lines cut, styled by kind, Minecraft `§` codes converted to ANSI, every line ending in `\r\n`,
 * the app's own lines marked for the gutter, optionally each line prefixed with `[HH:MM:SS]`.
 * An empty response writes nothing.
 */
export function formatEntry(entry: OutputEntry, options: FormatOptions): string {
  if (entry.text === '' && entry.kind === 'response') return '';
  // Everything is sanitized, not only server text: an echo or an error may quote what a server sent.
  const safe = cutLongLines(sanitizeServerText(entry.text));
  const lines = splitLines(entry.kind === 'command' ? safe : minecraftToAnsi(safe));
  const appLine = entry.kind === 'command' || entry.kind === 'error' || entry.kind === 'info';
  const gutter = appLine ? gutterMark(entry.kind) : '';
  const stamp = options.timestamps ? `${TIMESTAMP_STYLE}[${formatTime(entry.at)}]${SGR_RESET} ` : '';
  let out = '';
  let carried = '';
  lines.forEach((line, index) => {
    let body: string;
    switch (entry.kind) {
      case 'command':
        body = `${STYLE.command}> ${line}${SGR_RESET}`;
        break;
      case 'server':
        body = `${STYLE.server}[server]${line.includes(ESC) ? SGR_RESET : ''} ${line}${SGR_RESET}`;
        break;
      case 'error':
      case 'info':
        body = `${STYLE[entry.kind]}${line}${SGR_RESET}`;
        break;
      default:
        // A response keeps its own ANSI; after a timestamp the style of the previous line is restored.
        body = (stamp !== '' && index > 0 ? carried : '') + line;
        carried = carriedSgr(carried, line);
        // Reset at the line end so a style never leaks into the next timestamp or the next entry.
        if (carried !== '' && (stamp !== '' || index === lines.length - 1)) body += SGR_RESET;
    }
    out += `${gutter}${stamp}${body}\r\n`;
  });
  return out;
}

export const DIALECT_LABELS: Readonly<Record<'source' | 'minecraft' | 'quiet', string>> = {
  source: 'Source RCON',
  minecraft: 'Minecraft RCON',
  quiet: 'Source RCON, no end marker',
};

export const STATUS_LABELS: Readonly<Record<SessionStatus, string>> = {
  connecting: 'Connecting',
  authenticating: 'Authenticating',
  connected: 'Connected',
  reconnecting: 'Reconnecting',
  disconnected: 'Disconnected',
  error: 'Error',
};

/** "3 s", "1 min 5 s". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** `host:port`, with brackets around an IPv6 address. */
export function formatEndpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A status badge's text, e.g. "Reconnecting in 3 s (attempt 2)", updated in place as retries go. */
export function statusText(status: SessionStatus, retryAt: number | undefined, now: number, attempt?: number): string {
  const label = STATUS_LABELS[status];
  const which = attempt !== undefined ? ` (attempt ${attempt})` : '';
  if (status === 'reconnecting' && retryAt !== undefined) {
    const left = retryAt - now;
    return left > 0 ? `${label} in ${formatDuration(left)}${which}` : `${label}…${which}`;
  }
  if (status === 'connecting' || status === 'authenticating' || status === 'reconnecting') return `${label}…${which}`;
  return label;
}

/**
 * The line a console shows when its session changes status, or undefined for none
 * (authenticating is too brief to be worth a line).
 */
export function statusLine(
  info: Pick<SessionInfo, 'status' | 'reason' | 'dialect'>,
): { kind: 'info' | 'error'; text: string } | undefined {
  switch (info.status) {
    case 'connecting':
      return { kind: 'info', text: 'Connecting…' };
    case 'authenticating':
      return undefined;
    case 'connected':
      return { kind: 'info', text: info.dialect ? `Connected (${DIALECT_LABELS[info.dialect]}).` : 'Connected.' };
    case 'reconnecting':
      return { kind: 'info', text: info.reason ?? 'Connection lost. Reconnecting…' };
    case 'disconnected':
      return { kind: 'info', text: info.reason ?? 'Disconnected.' };
    case 'error':
      return { kind: 'error', text: info.reason ?? 'The connection failed.' };
  }
}
