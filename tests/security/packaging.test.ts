import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Electron fuses are flipped by electron-builder from electron-builder.yml when packaging;
 * a packaged binary cannot be built here (no Electron download), so the configuration is checked.
 */
const ROOT = resolve(__dirname, '../..');

function fuses(): Record<string, string> {
  const yaml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?: {2}\w+: \w+\n)+)/m.exec(yaml)?.[1] ?? '';
  return Object.fromEntries(
    block
      .trim()
      .split('\n')
      .map((line) => line.trim().split(': ') as [string, string]),
  );
}

describe('packaging hardening (issue 10)', () => {
  it('turns off running as Node, NODE_OPTIONS and --inspect, and loads only the checked app.asar', () => {
    expect(fuses()).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });

  it('gives the window DevTools only when not packaged, and safe dialogs', () => {
    const windows = readFileSync(join(ROOT, 'src/main/windows.ts'), 'utf8');
    const index = readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8');
    expect(windows).toMatch(/devTools: options\.devTools/);
    expect(windows).toMatch(/safeDialogs: true/);
    expect(index).toMatch(/devTools: !app\.isPackaged/);
  });
});
