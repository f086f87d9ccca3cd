/**
 * The shortcuts dialog lists every shortcut (issue 11): each key a renderer component compares a
 * key press with must be named in lib/shortcuts.ts, the list the dialog shows. Reads the sources,
 * so a new key handler without a line in the dialog fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../src/renderer/src/lib/shortcuts';

const RENDERER = join(__dirname, '../../src/renderer/src');

describe('the shortcuts dialog', () => {
  it('names every key that a component compares a key press with', () => {
    const root = RENDERER;
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes('testing')) sources.push(path);
      }
    };
    walk(root);
    const listed = new Set(SHORTCUTS.flatMap((s) => s.chords.map((c) => c.key.toLowerCase())));
    const compared = new Map<string, string>();
    for (const path of sources) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/\.key(?:\.toLowerCase\(\))?\s*===\s*'([^']+)'/g)) {
        compared.set(match[1]!.toLowerCase(), path);
      }
      // `switch (event.key) { case 'Enter': … }`
      for (const block of text.matchAll(/switch \(\w+\.key\) \{([\s\S]*?)\n {4}\}/g)) {
        for (const match of block[1]!.matchAll(/case '([^']+)':/g)) compared.set(match[1]!.toLowerCase(), path);
      }
    }
    expect(compared.size).toBeGreaterThan(10);
    const unlisted = [...compared].filter(([name]) => !listed.has(name)).map(([name, path]) => `${name} (${path})`);
    expect(unlisted).toEqual([]);
  });
});
