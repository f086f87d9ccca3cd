/**
 * Minecraft formatting codes (`§` followed by one character) converted to ANSI SGR sequences,
 * so xterm.js renders them. Colours map onto the 16-colour palette (the terminal theme decides
 * the exact shades). A colour code also resets bold/italic/…, as it does in Minecraft.
 */

export const SECTION_SIGN = '\u00a7';

/** §0-§f → SGR foreground code. */
export const MINECRAFT_COLOR_SGR: Readonly<Record<string, number>> = {
  '0': 30, // black
  '1': 34, // dark_blue
  '2': 32, // dark_green
  '3': 36, // dark_aqua
  '4': 31, // dark_red
  '5': 35, // dark_purple
  '6': 33, // gold
  '7': 37, // gray
  '8': 90, // dark_gray
  '9': 94, // blue
  a: 92, // green
  b: 96, // aqua
  c: 91, // red
  d: 95, // light_purple
  e: 93, // yellow
  f: 97, // white
};

/** §l §o §n §m → SGR attribute. §k (obfuscated) has no terminal equivalent and is dropped. */
const FORMAT_SGR: Readonly<Record<string, number>> = {
  l: 1, // bold
  o: 3, // italic
  n: 4, // underline
  m: 9, // strikethrough
};

const CODE_PATTERN = /\u00a7([0-9a-fk-or])/gi;

/**
 * Replaces every `§x` code with the matching SGR sequence. Unknown codes (`§z`) are left as they
 * are. Any ANSI already in the text passes through untouched. When a code changed the style, the
 * result ends with a reset so the style does not leak into the next output.
 */
export function minecraftToAnsi(text: string): string {
  if (!text.includes(SECTION_SIGN)) return text;
  let styled = false;
  const converted = text.replace(CODE_PATTERN, (_match, rawCode: string) => {
    const code = rawCode.toLowerCase();
    const color = MINECRAFT_COLOR_SGR[code];
    if (color !== undefined) {
      styled = true;
      return `\x1b[0;${color}m`;
    }
    const format = FORMAT_SGR[code];
    if (format !== undefined) {
      styled = true;
      return `\x1b[${format}m`;
    }
    if (code === 'r') {
      styled = true;
      return '\x1b[0m';
    }
    return ''; // §k: obfuscated, ignored
  });
  return styled ? `${converted}\x1b[0m` : converted;
}
