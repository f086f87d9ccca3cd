import { describe, expect, it } from 'vitest';
import { CommandCompleter } from '../../../shared/command-completion';
import { tabComplete, type CompletionCycle } from './tab-completion';

function completer(names: string[]): CommandCompleter {
  const result = new CommandCompleter([]);
  result.setServerNames(names);
  return result;
}

const NAMES = completer(['sv_cheats', 'sv_gravity', 'sv_gravity_scale', 'mp_timelimit', 'status']);

/** Presses Tab `times` times on `line`, as the command line does. */
function press(line: string, times: number): { line: string; cycle: CompletionCycle | undefined }[] {
  const steps: { line: string; cycle: CompletionCycle | undefined }[] = [];
  let current = line;
  let cycle: CompletionCycle | undefined;
  for (let i = 0; i < times; i += 1) {
    const result = tabComplete(current, NAMES, cycle);
    if (!result) break;
    current = result.line;
    cycle = result.cycle;
    steps.push(result);
  }
  return steps;
}

describe('tabComplete', () => {
  it('completes a unique name, with a space to type the value', () => {
    expect(tabComplete('mp_', NAMES, undefined)).toEqual({ line: 'mp_timelimit ', cycle: undefined });
    expect(tabComplete('help sv_ch', NAMES, undefined)?.line).toBe('help sv_cheats ');
  });

  it('completes several names to what they share, then walks them, wrapping around', () => {
    const steps = press('sv_g', 4).map((step) => step.line);
    expect(steps).toEqual(['sv_gravity', 'sv_gravity', 'sv_gravity_scale', 'sv_gravity']);
  });

  it('walks the names at once when they share nothing more', () => {
    const steps = press('sv_', 4).map((step) => step.line);
    expect(steps).toEqual(['sv_cheats', 'sv_gravity', 'sv_gravity_scale', 'sv_cheats']);
    expect(press('sv_', 1)[0]!.cycle?.candidates).toEqual(['sv_cheats', 'sv_gravity', 'sv_gravity_scale']);
  });

  it('leaves Tab to move the focus when there is nothing to complete', () => {
    expect(tabComplete('', NAMES, undefined)).toBeUndefined();
    expect(tabComplete('   ', NAMES, undefined)).toBeUndefined();
    expect(tabComplete('xyz', NAMES, undefined)).toBeUndefined();
    expect(tabComplete('sv_cheats 1', NAMES, undefined)).toBeUndefined();
    expect(tabComplete('sv', completer([]), undefined)).toBeUndefined();
  });

  it('starts afresh when the line changed since the last Tab', () => {
    const [first] = press('sv_', 1);
    expect(tabComplete('mp', NAMES, first!.cycle)?.line).toBe('mp_timelimit ');
  });
});
