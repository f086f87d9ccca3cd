/**
 * The 7 Days to Die telnet console, as the game and gorcon/telnet (a well-known client; its
 * telnettest package documents the transcript) show it:
 *
 *   server: Please enter password:
 *   client: <password>\r\n
 *   server: Logon successful.            (or "Password incorrect, please enter password:",
 *           <welcome banner>              and after several: "Too many failed login attempts!")
 *   client: <command>\r\n
 *   server: 2026-01-01T12:00:00 123.456 INF Executing command '<command>' by Telnet from 1.2.3.4:5678
 *           <answer lines>
 *
 * The answer has no end marker. See TelnetAnswerReader for how its end is found.
 */
export const PASSWORD_PROMPT = /enter password:?\s*$/i;
export const LOGON_OK = 'Logon successful.';
export const WRONG_PASSWORD = /password incorrect/i;
export const TOO_MANY_FAILURES = /too many failed login attempts/i;

/** A line of the server log, which the console copies to every telnet client. */
export const LOG_LINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2} \d+(?:\.\d+)? (?:INF|WRN|ERR|EXC|LOG) /;

/** 7DTD's answer to a command it does not know; the sentinel relies on it. */
export function unknownCommandLine(name: string): string {
  return `*** ERROR: unknown command '${name}'`;
}

/** Splits received bytes into lines (CRLF or LF), keeping the unfinished last line. */
export class LineSplitter {
  private partial = '';

  push(text: string): string[] {
    // Telnet option negotiation (IAC, 0xFF) is never used by 7DTD; NULs are padding.
    const clean = (this.partial + text)
      .replace(/\u00ff[\u00fb-\u00fe][\s\S]|\u00ff[\u00f0-\u00fa]/g, '')
      .replace(/\0/g, '');
    const parts = clean.split('\n');
    this.partial = parts.pop() ?? '';
    return parts.map((line) => line.replace(/\r$/, ''));
  }

  /** The line received so far without its newline: prompts end without one. */
  get pending(): string {
    return this.partial;
  }

  takePending(): string {
    const line = this.partial;
    this.partial = '';
    return line;
  }
}
