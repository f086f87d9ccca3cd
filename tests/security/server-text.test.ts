/* eslint-disable no-control-regex -- control characters are what these tests look for */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterSgrParams, isPlainServerText, sanitizeServerText } from '../../src/shared/server-text';
import { HOSTILE_SEQUENCES } from '../../src/reference-server/hostile';

const ESC = '\x1b';

describe('sanitizeServerText', () => {
  it('keeps printable text, newlines, tabs and Minecraft § codes as they are', () => {
    const text = 'hostname: My Server\n\tplayers : 2 (20 max)\n§6Gold §cred — ünïcødé 🎮\n';
    expect(sanitizeServerText(text)).toBe(text);
    expect(isPlainServerText(text)).toBe(true);
  });

  it('keeps SGR colour, bold, italic and underline', () => {
    const text = `${ESC}[1;31mred${ESC}[0m ${ESC}[3mi${ESC}[23m ${ESC}[4mu${ESC}[24m ${ESC}[38;5;208mo${ESC}[48;2;1;2;3mbg${ESC}[m`;
    expect(sanitizeServerText(text)).toBe(text.replace(`${ESC}[m`, `${ESC}[0m`));
  });

  it('drops conceal, blink and inverse from an SGR, keeping the rest of it', () => {
    expect(sanitizeServerText(`${ESC}[8mhidden${ESC}[0m`)).toBe(`hidden${ESC}[0m`);
    expect(sanitizeServerText(`${ESC}[1;8;31mx`)).toBe(`${ESC}[1;31mx`);
    expect(sanitizeServerText(`${ESC}[5;7mx`)).toBe('x');
    expect(filterSgrParams('38;5;300;1')).toBe('');
    expect(filterSgrParams('38;2;1;2')).toBe('');
  });

  it('turns a lone CR into a newline, so a line cannot be written over its start', () => {
    expect(sanitizeServerText('[server] hi\rfake')).toBe('[server] hi\nfake');
    expect(sanitizeServerText('a\r\nb')).toBe('a\nb');
  });

  it('drops backspace, BEL, DEL and every other C0 and C1 control', () => {
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code))
      .filter((char) => char !== '\n' && char !== '\t' && char !== '\r' && char !== ESC)
      .join('');
    // The C1 introducers (CSI, OSC, DCS, …) start a sequence that eats what follows: tested below.
    const c1 = Array.from({ length: 32 }, (_, code) => String.fromCharCode(0x80 + code))
      .filter((char) => !'\x90\x98\x9b\x9d\x9e\x9f'.includes(char))
      .join('');
    expect(sanitizeServerText(`a${controls}\x7fb${c1}c`)).toBe('abc');
  });

  it('shows bidi overrides and isolates as visible markers, and keeps the direction marks', () => {
    expect(sanitizeServerText('file\u202Etxt.exe')).toBe('file<U+202E>txt.exe');
    expect(sanitizeServerText('\u2066a\u2069\u202A\u202B\u202C\u202D\u2067\u2068')).toBe(
      '<U+2066>a<U+2069><U+202A><U+202B><U+202C><U+202D><U+2067><U+2068>',
    );
    expect(sanitizeServerText('a\u200Eb\u200Fc')).toBe('a\u200Eb\u200Fc');
  });

  it('consumes a string sequence cut off by the end of the text, payload included', () => {
    expect(sanitizeServerText(`ok${ESC}]52;c;Y3VybCBldmlsIHwgc2g=`)).toBe('ok');
    expect(sanitizeServerText(`ok${ESC}P1$r`)).toBe('ok');
    expect(sanitizeServerText(`ok${ESC}[12`)).toBe('ok');
    expect(sanitizeServerText(`ok${ESC}`)).toBe('ok');
  });

  it('leaves only printable characters of a sequence split across two texts', () => {
    const second = sanitizeServerText('52;c;Y3VybA==\x07rest');
    expect(second).toBe('52;c;Y3VybA==rest');
    expect(second).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('aborts a CSI at a byte that cannot end it, and filters that byte on its own', () => {
    expect(sanitizeServerText(`${ESC}[1\x07é`)).toBe('é');
    expect(sanitizeServerText(`${ESC}[1\nx`)).toBe('\nx');
  });

  for (const sequence of HOSTILE_SEQUENCES) {
    it(`removes ${sequence.name} and keeps the text around it`, () => {
      const out = sanitizeServerText(`before ${sequence.bytes} after`);
      expect(out.startsWith('before ')).toBe(true);
      expect(out.endsWith(' after')).toBe(true);
      const withoutSgr = out.replace(/\x1b\[[0-9;]*m/g, '');
      expect(withoutSgr).not.toContain(ESC);
      expect(withoutSgr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
      if (sequence.visible !== undefined) expect(out).toContain(sequence.visible);
    });
  }

  it('never lets a control character, ESC or bidi control through, whatever the input', () => {
    const anyChar = fc.oneof(
      fc.constantFrom(ESC, '\x9b', '\x9d', '\x90', '\x9c', '\x07', '\r', '\n', '[', ']', ';', 'm', '8', '\u202e', '\\'),
      fc.string({ maxLength: 3, unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.array(anyChar, { maxLength: 40 }), (parts) => {
        const out = sanitizeServerText(parts.join(''));
        // Only SGR sequences of the allowed kind may contain ESC.
        const withoutSgr = out.replace(/\x1b\[[0-9;]*m/g, '');
        expect(withoutSgr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
        for (const match of out.matchAll(/\x1b\[([0-9;]*)m/g)) expect(filterSgrParams(match[1]!)).toBe(match[1]);
        expect(sanitizeServerText(out)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});
