import { describe, expect, it } from 'vitest';
import { DESTRUCTIVE_COMMANDS, isDestructiveCommand } from './destructive-commands';

describe('isDestructiveCommand', () => {
  it('recognises every listed command, in any case, with arguments and a leading slash', () => {
    for (const command of DESTRUCTIVE_COMMANDS) {
      expect(isDestructiveCommand(command)).toBe(true);
      expect(isDestructiveCommand(`  ${command.toUpperCase()}  now please`)).toBe(true);
      expect(isDestructiveCommand(`/${command}`)).toBe(true);
    }
  });

  it('leaves ordinary commands alone, including ones that merely contain a destructive word', () => {
    for (const command of ['status', 'say server will restart soon', 'stopwatch', 'restarts', 'exit_vote', '', '   ']) {
      expect(isDestructiveCommand(command)).toBe(false);
    }
  });
});
