import type { AppStores } from './stores/app-stores';
import { terminals } from './terminal/registry';
import type { CellStyle, TerminalModes } from './testing/terminal-probe';

export type { CellStyle, TerminalModes };

/** Installed on `window.__rconDeskTest` only when the page is loaded with `?test`. */
export interface RconDeskTestHook {
  /** The plain text of a session's terminal buffer (scrollback included). */
  terminalText(sessionId: string): string;
  /** Resolves once everything received for the session has been written to its terminal. */
  terminalIdle(sessionId: string): Promise<void>;
  /**
   * Resolves with Date.now() at the first animation frame after a line that is exactly `line`
   * (plain text, no styles) has been written to the session's terminal. Costs a search of each
   * chunk written, not of the whole buffer: the benchmarks' watcher during a flood.
   */
  lineWritten(sessionId: string, line: string): Promise<number>;
  /**
   * The style of the first cell of the first occurrence of `text` in the terminal (only on lines
   * that start with it, when `atLineStart`), or null.
   */
  cellStyle(sessionId: string, text: string, atLineStart?: boolean): CellStyle | null;
  /** The text of every buffer line that carries the gutter mark of an app line (echo, status, error). */
  gutteredLines(sessionId: string): string[];
  terminalModes(sessionId: string): TerminalModes | null;
  /** The renderer drawing the session's console ('webgl', 'canvas', 'dom'), null before it is shown. */
  terminalRenderer(sessionId: string): string | null;
  /** The open tabs: session id, profile id, status. */
  tabs(): { sessionId: string; profileId: string; status: string; reason: string | undefined }[];
  activeSessionId(): string | undefined;
}

export function installTestHook(stores: AppStores): void {
  if (!new URLSearchParams(window.location.search).has('test')) return;
  const hook: RconDeskTestHook = {
    terminalText: (sessionId) => terminals.get(sessionId)?.text() ?? '',
    terminalIdle: (sessionId) => terminals.get(sessionId)?.whenIdle() ?? Promise.resolve(),
    lineWritten(sessionId, line) {
      const terminal = terminals.getOrCreate(sessionId);
      const wanted = `\n${line}\r\n`;
      let carry = '\n';
      return new Promise((resolve) => {
        const stop = terminal.onWritten((chunk) => {
          const seen = carry + chunk;
          const found = seen.includes(wanted);
          carry = seen.slice(-(wanted.length - 1));
          if (!found) return;
          stop();
          requestAnimationFrame(() => resolve(Date.now()));
        });
      });
    },
    cellStyle(sessionId, text, atLineStart = false) {
      const terminal = terminals.get(sessionId)?.xterm;
      if (!terminal) return null;
      const buffer = terminal.buffer.active;
      for (let y = 0; y < buffer.length; y += 1) {
        const line = buffer.getLine(y);
        const content = line?.translateToString(true) ?? '';
        const x = atLineStart ? (content.startsWith(text) ? 0 : -1) : content.indexOf(text);
        if (!line || x < 0) continue;
        const cell = line.getCell(x);
        if (!cell) return null;
        return {
          char: cell.getChars(),
          fgMode: cell.isFgDefault() ? 'default' : cell.isFgRGB() ? 'rgb' : 'palette',
          fg: cell.getFgColor(),
          bold: cell.isBold() !== 0,
          italic: cell.isItalic() !== 0,
          underline: cell.isUnderline() !== 0,
          strikethrough: cell.isStrikethrough() !== 0,
          dim: cell.isDim() !== 0,
          invisible: cell.isInvisible() !== 0,
        };
      }
      return null;
    },
    gutteredLines(sessionId) {
      const terminal = terminals.get(sessionId);
      if (!terminal) return [];
      const buffer = terminal.xterm.buffer.active;
      return terminal.gutterLines().map((y) => buffer.getLine(y)?.translateToString(true) ?? '');
    },
    terminalModes(sessionId) {
      const terminal = terminals.get(sessionId)?.xterm;
      if (!terminal) return null;
      return {
        buffer: terminal.buffer.active.type,
        mouseTracking: terminal.modes.mouseTrackingMode,
        bracketedPaste: terminal.modes.bracketedPasteMode,
        insertMode: terminal.modes.insertMode,
        applicationCursorKeys: terminal.modes.applicationCursorKeysMode,
      };
    },
    terminalRenderer: (sessionId) => terminals.get(sessionId)?.rendererKind ?? null,
    tabs: () =>
      stores.sessions.getState().tabs.map(({ sessionId, profileId, status, reason }) => ({
        sessionId,
        profileId,
        status,
        reason,
      })),
    activeSessionId: () => stores.sessions.getState().activeId,
  };
  window.__rconDeskTest = hook;
}
