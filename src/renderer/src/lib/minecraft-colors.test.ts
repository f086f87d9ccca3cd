import { describe, expect, it } from 'vitest';
import { MINECRAFT_COLOR_SGR, minecraftToAnsi } from './minecraft-colors';

const ESC = '\x1b';

describe('minecraftToAnsi', () => {
  it('leaves text without codes untouched', () => {
    expect(minecraftToAnsi('There are 2 players online')).toBe('There are 2 players online');
  });

  it('converts every colour code, resetting earlier formats as Minecraft does', () => {
    expect(minecraftToAnsi('§6gold§cred')).toBe(`${ESC}[0;33mgold${ESC}[0;91mred${ESC}[0m`);
    expect(Object.keys(MINECRAFT_COLOR_SGR)).toHaveLength(16);
    for (const [code, sgr] of Object.entries(MINECRAFT_COLOR_SGR)) {
      expect(minecraftToAnsi(`§${code}x`)).toBe(`${ESC}[0;${sgr}mx${ESC}[0m`);
    }
  });

  it('accepts upper-case codes', () => {
    expect(minecraftToAnsi('§Agreen')).toBe(`${ESC}[0;92mgreen${ESC}[0m`);
  });

  it('converts formats and the reset', () => {
    expect(minecraftToAnsi('§lbold§oit§nund§mstrike§rplain')).toBe(
      `${ESC}[1mbold${ESC}[3mit${ESC}[4mund${ESC}[9mstrike${ESC}[0mplain${ESC}[0m`,
    );
  });

  it('drops §k (obfuscated) and keeps unknown codes as text', () => {
    expect(minecraftToAnsi('§kxyz')).toBe('xyz');
    expect(minecraftToAnsi('50§z off §')).toBe('50§z off §');
  });

  it('passes ANSI already in the text through', () => {
    expect(minecraftToAnsi(`${ESC}[32mok${ESC}[0m §ewarn`)).toBe(`${ESC}[32mok${ESC}[0m ${ESC}[0;93mwarn${ESC}[0m`);
  });

  it('converts the vanilla list answer', () => {
    const out = minecraftToAnsi('§6There are §c2§6 of a max of §c20§6 players online: Alex, Steve');
    expect(out).toContain(`${ESC}[0;91m2`);
    expect(out.endsWith(`${ESC}[0m`)).toBe(true);
    expect(out).not.toContain('§');
  });
});
