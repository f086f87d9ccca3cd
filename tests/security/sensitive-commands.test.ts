import { describe, expect, it } from 'vitest';
import { isSensitiveCommand, maskCommand, MASK } from '../../src/shared/sensitive-commands';

/** Each form from issue 10 and the games' password-setting commands, with the expected masked echo. */
const SENSITIVE: readonly [string, string][] = [
  ['rcon_password Secret', `rcon_password ${MASK}`],
  ['echo x;rcon_password Secret', `echo x;rcon_password ${MASK}`],
  ['echo x ; say hi;  sv_password Secret', `echo x ; say hi;  sv_password ${MASK}`],
  ['sm_cvar rcon_password Secret', `sm_cvar rcon_password ${MASK}`],
  ['rcon_password"Secret"', `rcon_password ${MASK}`],
  ['"rcon_password" "Secret"', `"rcon_password ${MASK}`],
  ['sm_rcon sv_password Secret', `sm_rcon sv_password ${MASK}`],
  ['rcon sv_password Secret', `rcon sv_password ${MASK}`],
  ['sm_rcon SetServerPassword Secret', `sm_rcon SetServerPassword ${MASK}`],
  ['alias go "rcon_password Secret"', `alias go "rcon_password ${MASK}`],
  ['+sv_password Secret', `+sv_password ${MASK}`],
  ['sv_setsteamaccount 0123456789ABCDEF', `sv_setsteamaccount ${MASK}`],
  ['tv_password Secret', `tv_password ${MASK}`],
  ['server.password Secret', `server.password ${MASK}`],
  ['rcon.password "Secret"', `rcon.password ${MASK}`],
  ['?ServerAdminPassword=Secret', `?ServerAdminPassword ${MASK}`],
  ['EnableCheats Secret', `EnableCheats ${MASK}`],
  ['/AdminPassword Secret', `/AdminPassword ${MASK}`],
  ['/server-password Secret', `/server-password ${MASK}`],
  ['/config set password Secret', `/config set password ${MASK}`],
  ['/login Secret', `/login ${MASK}`],
  ['/register Secret Secret', `/register ${MASK}`],
  ['authme changepassword Steve Secret', `authme ${MASK}`],
  ['execute as @a run login Secret', `execute as @a run login ${MASK}`],
  ['#login Secret', `#login ${MASK}`],
];

const ORDINARY = [
  'status',
  'say my password is long',
  'rcon_password',
  'sv_password',
  'kick passwordman',
  'echo hello; status',
  'sm_cvar sv_cheats 1',
  'list',
];

describe('isSensitiveCommand', () => {
  for (const [command] of SENSITIVE) {
    it(`catches ${JSON.stringify(command)}`, () => expect(isSensitiveCommand(command)).toBe(true));
  }
  it('leaves ordinary commands and bare queries alone', () => {
    for (const command of ORDINARY) expect(isSensitiveCommand(command), command).toBe(false);
  });
});

describe('maskCommand', () => {
  it('masks everything after the secret-setting name, and never shows the secret', () => {
    for (const [command, masked] of SENSITIVE) {
      expect(maskCommand(command), command).toBe(masked);
      expect(maskCommand(command)).not.toContain('Secret');
    }
  });
  it('leaves ordinary commands as typed', () => {
    for (const command of ORDINARY) expect(maskCommand(command)).toBe(command);
  });
});
