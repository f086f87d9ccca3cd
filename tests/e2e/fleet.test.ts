/**
 * Many servers as one (issue 12): broadcast with opt-outs and confirmations, macros that can be
 * cancelled, schedules, the audit log and its export. The built renderer in Chromium over the
 * real bridge, the real services and reference servers (one per profile, so each server's
 * `receivedCommands` tells exactly what reached it). The tests share one window and run in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReferenceServer } from '../../src/reference-server/server';
import { DEFAULT_TIMEOUT_MS, Harness, poll } from './harness';

let h: Harness;
const servers = new Map<string, ReferenceServer>();
const GROUP = 'EU';
const GOOD = ['EU one', 'EU two', 'EU three'];
/** Its saved password is not the server's: the broadcast cannot log in. */
const LOCKED = 'EU locked';

beforeAll(async () => {
  h = await Harness.start();
  for (const name of GOOD) {
    const server = await h.startServer({ password: 'fleet-pw', personality: 'srcds' });
    servers.set(name, server);
    await h.addProfile({ name, port: server.port, group: GROUP }, 'fleet-pw');
  }
  const locked = await h.startServer({ password: 'new-pw', personality: 'srcds' });
  servers.set(LOCKED, locked);
  await h.addProfile({ name: LOCKED, port: locked.port, group: GROUP }, 'old-pw');
  await h.openApp();
}, 240_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const received = (name: string): readonly string[] => servers.get(name)!.receivedCommands;
const pane = (name: string) =>
  h.page.locator('[data-testid=outcome-pane]', { has: h.page.getByText(name, { exact: true }) });
const view = (label: string) => h.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label });

describe('fleet', () => {
  let oneSession = '';

  it('broadcasts to a group minus an opted-out server, and shows each server’s outcome', async () => {
    // An open tab: its session is reused, so the answer also shows in its console.
    await h.page.getByRole('button', { name: 'Connect to EU one' }).click();
    oneSession = (await h.waitForTab((t) => t.status === 'connected', 'EU one connected')).sessionId;

    await h.page.getByRole('button', { name: `Broadcast to group ${GROUP}` }).click();
    const indicator = h.page.getByTestId('broadcast-indicator');
    await indicator.getByText('Sending to 4 servers').waitFor();
    await h.page.getByRole('checkbox', { name: 'Send to EU three' }).uncheck();
    await indicator.getByText('Sending to 3 servers').waitFor();

    await h.page.getByRole('textbox', { name: 'Command to broadcast' }).fill('echo fleet-hello');
    await h.page.getByRole('button', { name: 'Send…' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Send to 3 servers?' });
    const listed = await dialog.getByRole('list', { name: 'Servers' }).getByRole('listitem').allTextContents();
    expect(listed).toEqual(['EU one', 'EU two', LOCKED]);
    await dialog.getByRole('button', { name: 'Send to 3 servers' }).click();

    await pane('EU one').and(h.page.locator('[data-status=ok]')).getByText('fleet-hello').waitFor();
    await pane('EU two').and(h.page.locator('[data-status=ok]')).getByText('fleet-hello').waitFor();
    await pane(LOCKED)
      .and(h.page.locator('[data-status=skipped]'))
      .getByText(/Wrong password/)
      .waitFor();
    expect(await h.page.locator('[data-testid=outcome-pane]').count()).toBe(3);

    expect(received('EU one')).toContain('echo fleet-hello');
    expect(received('EU two')).toContain('echo fleet-hello');
    expect(received('EU three')).not.toContain('echo fleet-hello');
    expect(received(LOCKED)).not.toContain('echo fleet-hello');
    await h.screenshot('broadcast.png');

    await view('Consoles').click();
    await h.waitForTerminal(
      oneSession,
      (text) => text.includes('fleet-hello'),
      'the broadcast answer in EU one’s console',
    );
  }, 60_000);

  it('asks for the command again before a destructive broadcast', async () => {
    await view('Broadcast').click();
    await h.page.getByRole('textbox', { name: 'Command to broadcast' }).fill('quit');
    await h.page.getByRole('button', { name: 'Send…' }).click();
    const dialog = h.page.getByRole('dialog', { name: 'Stop or restart 3 servers?' });
    await dialog.getByRole('alert').getByText('stops or restarts servers').waitFor();
    const send = dialog.getByRole('button', { name: 'Send to 3 servers' });
    expect(await send.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Type the command again to confirm' }).fill('quit');
    expect(await send.isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const name of [...GOOD, LOCKED]) expect(received(name)).not.toContain('quit');
  }, 30_000);

  it('runs a macro on a server with its progress, and cancels it during a pause', async () => {
    await view('Macros').click();
    const macros = h.page.getByTestId('macros-view');
    await macros.getByRole('textbox', { name: 'Name' }).fill('Slow restart');
    const steps = macros.getByRole('textbox', { name: /^Steps/ });
    await steps.fill('echo step-one\nwait soon');
    await macros.getByRole('button', { name: 'Save macro' }).click();
    await macros.getByRole('alert').getByText('Line 2: “soon” is not a pause').waitFor();

    await steps.fill('echo step-one\nwait 4m\necho step-two');
    await macros.getByRole('button', { name: 'Save macro' }).click();
    await macros.getByRole('list', { name: 'Saved macros' }).getByText('Slow restart').waitFor();

    await macros.getByRole('checkbox', { name: 'EU two' }).check();
    await macros.getByRole('button', { name: 'Run Slow restart' }).click();
    const progress = h.page.getByTestId('macro-progress');
    await progress.getByText(/step 2 of 3/).waitFor();
    await progress.locator('[data-testid=outcome-pane][data-status=ok]').getByText('step-one').waitFor();
    await progress.getByRole('button', { name: 'Cancel run' }).click();
    await h.page.locator('[data-testid=macro-progress][data-done=cancelled]').waitFor();
    expect(received('EU two')).toContain('echo step-one');
    expect(received('EU two')).not.toContain('echo step-two');
  }, 30_000);

  it('creates a schedule and shows its next run', async () => {
    await view('Schedules').click();
    const schedules = h.page.getByTestId('schedules-view');
    await schedules.getByRole('button', { name: 'New schedule' }).click();
    await schedules.getByRole('textbox', { name: 'Name' }).fill('Hourly status');
    await schedules.getByRole('radio', { name: 'A group' }).check();
    await schedules.getByRole('combobox', { name: 'Group' }).selectOption(GROUP);
    await schedules.getByRole('textbox', { name: 'Command' }).fill('status');
    await schedules.getByRole('spinbutton', { name: 'Minutes' }).fill('60');
    await schedules.getByRole('button', { name: 'Save schedule' }).click();

    const row = schedules.getByTestId('schedule-row').filter({ hasText: 'Hourly status' });
    await row.getByText('every 60 min').waitFor();
    const listed = await h.fleet.listSchedules();
    const nextRunAt = listed.find((s) => s.name === 'Hourly status')?.nextRunAt;
    expect(nextRunAt).toBeGreaterThan(Date.now());
    expect(await row.getByTestId('schedule-next').textContent()).toBe(new Date(nextRunAt!).toLocaleString());
  }, 30_000);

  it('lists the commands in the audit log, filters them, and exports a CSV', async () => {
    await view('Audit log').click();
    const audit = h.page.getByTestId('audit-view');
    const rows = audit.getByTestId('audit-row');
    await rows.filter({ hasText: 'echo fleet-hello' }).first().waitFor();
    await audit.getByRole('textbox', { name: 'Find text' }).fill('step-one');
    await poll(
      async () => {
        const texts = await rows.allTextContents();
        return texts.length === 1 && texts[0]!.includes('echo step-one') && texts[0]!.includes('macro')
          ? true
          : undefined;
      },
      'one audit row for the macro step',
      DEFAULT_TIMEOUT_MS,
    );
    await audit.getByRole('textbox', { name: 'Find text' }).fill('');
    await rows.filter({ hasText: 'echo fleet-hello' }).first().waitFor();

    h.saveDialogAnswers.push('audit.csv');
    await audit.getByRole('button', { name: 'Export CSV' }).click();
    await h.page.getByTestId('toast').getByText('Exported to', { exact: false }).waitFor();
    const csv = readFileSync(join(h.dataDir, 'audit.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('at,server,address,command,source,outcome,error,durationMs');
    expect(csv).toMatch(/,EU one,[^,]+,echo fleet-hello,broadcast,ok,,\d+/);
    expect(csv).toMatch(/,EU two,[^,]+,echo step-one,macro,ok,,\d+/);
  }, 30_000);
});
