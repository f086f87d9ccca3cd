import { writeSync } from 'node:fs';

/**
 * Puts a terminal back in the state a shell expects: normal screen (without the cursor restore
 * that `?1049l` would do from a position never saved), no mouse reporting in any encoding, no
 * bracketed paste, cursor shown, colours and styles off. Every part is harmless when the mode
 * was never set. The sanitizer keeps servers from setting these modes; this covers `--raw`, a
 * crash mid-answer and anything else that left the terminal in a strange state.
 */
export const TERMINAL_RESET =
  '\x1b[0m' +
  '\x1b[?1047l\x1b[?47l' +
  '\x1b[?9l\x1b[?1000l\x1b[?1001l\x1b[?1002l\x1b[?1003l\x1b[?1004l\x1b[?1005l\x1b[?1006l\x1b[?1015l' +
  '\x1b[?2004l' +
  '\x1b[?25h';

/** Signals that end the process; turned into exits (128 + number) so the reset is written. */
const EXIT_SIGNALS: Readonly<Partial<Record<NodeJS.Signals, number>>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Writes TERMINAL_RESET to every given stream that is a terminal when the process exits, however
 * it exits: a normal end, an uncaught error, or SIGINT/SIGTERM/SIGHUP (turned into an exit so that
 * the 'exit' handler runs). Synchronous, because nothing asynchronous runs in an 'exit' handler.
 */
export function restoreTerminalOnExit(streams: readonly (NodeJS.WriteStream & { fd: number })[]): void {
  const terminals = streams.filter((stream) => stream.isTTY === true);
  if (terminals.length === 0) return;
  // One reset per terminal: stdout and stderr are usually the same one.
  const fd = terminals[0]!.fd;
  process.once('exit', () => {
    try {
      writeSync(fd, TERMINAL_RESET);
    } catch {
      // The terminal is gone (hangup): nothing left to restore.
    }
  });
  // A line-editing shell reads Ctrl-C as a key (raw mode), so SIGINT only comes from outside it.
  for (const [signal, number] of Object.entries(EXIT_SIGNALS)) {
    process.once(signal as NodeJS.Signals, () => process.exit(128 + (number ?? 0)));
  }
}
