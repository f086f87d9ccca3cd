import { describe, expect, it } from 'vitest';
import { formatMacroText, parseMacroText } from './macro-text';

describe('parseMacroText', () => {
  it('reads commands and pauses in seconds, minutes and hours, skipping blank lines', () => {
    const result = parseMacroText('say restart in 5\n\nwait 240\nWAIT 4m\nwait 1h\n  save  \nwait 30s');
    expect(result).toEqual({
      ok: true,
      steps: [
        { kind: 'command', command: 'say restart in 5' },
        { kind: 'wait', seconds: 240 },
        { kind: 'wait', seconds: 240 },
        { kind: 'wait', seconds: 3600 },
        { kind: 'command', command: 'save' },
        { kind: 'wait', seconds: 30 },
      ],
    });
  });

  it('reports every bad pause with its line number', () => {
    const result = parseMacroText('status\nwait\nwait soon\nwait 0\nwait 2d\nwait 25h');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(5);
    expect(result.errors[0]).toMatch(/^Line 2: Say how long/);
    expect(result.errors[1]).toMatch(/^Line 3: “soon” is not a pause/);
    expect(result.errors[2]).toMatch(/^Line 4: .*at least 1 second/);
    expect(result.errors[3]).toMatch(/^Line 5: “2d” is not a pause/);
    expect(result.errors[4]).toMatch(/^Line 6: .*at most a day/);
  });

  it('needs a command, and at most 100 steps', () => {
    expect(parseMacroText('  \n')).toEqual({ ok: false, errors: ['Write at least one command.'] });
    expect(parseMacroText('wait 5')).toEqual({ ok: false, errors: ['The macro only waits: add a command.'] });
    const long = parseMacroText(Array.from({ length: 101 }, (_, i) => `say ${i}`).join('\n'));
    expect(long).toEqual({ ok: false, errors: ['A macro has at most 100 steps.'] });
  });

  it('round-trips through formatMacroText', () => {
    const text = 'say hi\nwait 4m\nwait 90\nstatus';
    const parsed = parseMacroText(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formatMacroText(parsed.steps)).toBe(text);
  });
});
