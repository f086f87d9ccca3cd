import type { ITheme } from '@xterm/xterm';

/** A dark theme in the spirit of the VS Code terminal; Minecraft gold (§6) maps to `yellow`. */
export const TERMINAL_THEME: ITheme = {
  background: '#0f1115',
  foreground: '#d6dae1',
  cursor: '#0f1115',
  cursorAccent: '#0f1115',
  selectionBackground: '#264f78',
  selectionInactiveBackground: '#3a3d41',
  black: '#3b3f46',
  red: '#f0524f',
  green: '#3fb950',
  yellow: '#e0a526',
  blue: '#4f8ff7',
  magenta: '#c26ee0',
  cyan: '#29b8db',
  white: '#c4c9d1',
  brightBlack: '#7a828e',
  brightRed: '#ff7b72',
  brightGreen: '#56d364',
  brightYellow: '#f5e456',
  brightBlue: '#79b8ff',
  brightMagenta: '#e39af0',
  brightCyan: '#56d4f0',
  brightWhite: '#f4f6f9',
};

export const TERMINAL_FONT =
  "'Cascadia Mono', 'JetBrains Mono', 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

import { SCROLLBACK_LINES } from '../../../shared/console-limits';

export { SCROLLBACK_LINES };

/**
 * Lines of queued output the console draws at most: the scrollback plus a screen of any height.
 * A longer backlog is cut to its end, as the terminal would drop the rest at once anyway.
 */
export const DRAWN_BACKLOG_LINES = SCROLLBACK_LINES + 500;

/**
 * Queued output the console draws at most, in UTF-16 code units (8 MiB): lines are cut at 16 Ki
 * characters (format.ts), so the line bound alone would still allow gigabytes.
 */
export const DRAWN_BACKLOG_CHARS = 4 * 1024 * 1024;

/** The gutter mark of the app's own lines, by kind: a decoration server text cannot draw. */
export const GUTTER_COLORS: Readonly<Record<string, string>> = {
  command: '#29b8db',
  error: '#f0524f',
  info: '#7a828e',
};
