import type { MacroStep } from './fleet';

/** The same bounds the main process enforces on a saved macro (src/main/fleet-validation.ts). */
export const MACRO_TEXT_LIMITS = { steps: 100, waitSeconds: 86_400 } as const;

const WAIT = /^wait(?:\s+(.*))?$/i;
const DURATION = /^(\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?$/i;

export type MacroTextResult = { ok: true; steps: MacroStep[] } | { ok: false; errors: string[] };

/** Seconds in a pause written as `240`, `240s`, `4m` or `1h`; an error in words otherwise. */
export function parseDuration(text: string): number | string {
  const match = DURATION.exec(text.trim());
  if (!match) return `“${text.trim()}” is not a pause: write a number of seconds, or e.g. 4m or 1h.`;
  const unit = (match[2] ?? 's').toLowerCase();
  const seconds = Number(match[1]) * (unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1);
  if (seconds < 1) return 'A pause must last at least 1 second.';
  if (seconds > MACRO_TEXT_LIMITS.waitSeconds)
    return 'A pause can last at most a day (24h); use a schedule for longer.';
  return seconds;
}

/**
 * A macro's steps from text, one a line: a command, or `wait 240` / `wait 4m` for a pause.
 * Blank lines are ignored. Every mistake is reported with its line number, none is skipped.
 */
export function parseMacroText(text: string): MacroTextResult {
  const steps: MacroStep[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const wait = WAIT.exec(line);
    if (wait) {
      const seconds = wait[1] === undefined ? 'Say how long to wait, e.g. wait 30 or wait 4m.' : parseDuration(wait[1]);
      if (typeof seconds === 'string') errors.push(`Line ${index + 1}: ${seconds}`);
      else steps.push({ kind: 'wait', seconds });
      return;
    }
    steps.push({ kind: 'command', command: line });
  });
  if (steps.length > MACRO_TEXT_LIMITS.steps) errors.push(`A macro has at most ${MACRO_TEXT_LIMITS.steps} steps.`);
  if (errors.length === 0 && !steps.some((step) => step.kind === 'command')) {
    errors.push(steps.length === 0 ? 'Write at least one command.' : 'The macro only waits: add a command.');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, steps };
}

/** Steps back to the text parseMacroText reads; whole minutes are written as `4m`. */
export function formatMacroText(steps: readonly MacroStep[]): string {
  return steps
    .map((step) =>
      step.kind === 'command'
        ? step.command
        : `wait ${step.seconds % 60 === 0 ? `${step.seconds / 60}m` : String(step.seconds)}`,
    )
    .join('\n');
}
