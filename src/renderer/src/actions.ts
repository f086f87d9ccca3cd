import { isDestructiveCommand } from '../../shared/destructive-commands';
import { profileSettings } from '../../shared/profile-settings';
import { errorKind, errorMessage } from './api';
import type { AppStores } from './stores/app-stores';
import type { SessionTab } from './stores/sessions';

/**
 * Opens a console tab for a profile. Asks for the password first when none can be read from the
 * keychain; `password` is the answer to that prompt (used for this session only, never saved).
 */
export async function connectProfile(stores: AppStores, profileId: string, password?: string): Promise<void> {
  const { profiles, sessions, ui } = stores;
  const profile = profiles.getState().byId(profileId);
  if (!profile) return;
  // Without a password, the main process decides: the saved one, or one typed earlier for this server
  // (kept in memory while the app runs). Only when it has none is the user asked.
  try {
    await sessions.getState().open(profileId, password);
  } catch (error) {
    const kind = errorKind(error);
    if ((kind === 'auth' || kind === 'keychain') && password === undefined) {
      // No password to send: none saved or none readable, or only one the server refused, which the
      // main process will not send again. Ask for one; say why when it is not the plain case.
      const reason = kind === 'auth' && /refused/.test(errorMessage(error)) ? errorMessage(error) : undefined;
      ui.getState().openDialog({ kind: 'password', profile, purpose: 'open', reason });
      return;
    }
    ui.getState().notify(`Could not open ${profile.name}: ${errorMessage(error)}`, 'error');
  }
}

/** Opens a tab for the selected profile (Ctrl+T). */
export function connectSelected(stores: AppStores): void {
  const { selectedId } = stores.profiles.getState();
  if (selectedId !== undefined) void connectProfile(stores, selectedId);
  else stores.ui.getState().notify('Select a server in the list first.');
}

/** The tab's name as its label reads: the server's current name, with "(2)" for a second tab. */
function tabName(stores: AppStores, tab: SessionTab): string {
  const name = stores.profiles.getState().byId(tab.profileId)?.name ?? tab.title;
  return tab.copy > 1 ? `${name} (${tab.copy})` : name;
}

/**
 * Closes a tab at once (Ctrl+W never asks) and keeps it on the closed-tabs stack for Ctrl+Shift+T.
 * A tab that showed something from its server also gets a toast with "Reopen", so it is not lost unseen.
 */
export function closeTab(stores: AppStores, sessionId: string): void {
  const tab = stores.sessions.getState().tabs.find((t) => t.sessionId === sessionId);
  if (!tab) return;
  const hadOutput = stores.closedTabs.getState().takeHadOutput(sessionId);
  // A deleted server's tab cannot be opened again: nothing to offer.
  const reopenable = stores.profiles.getState().byId(tab.profileId) !== undefined;
  const label = tabName(stores, tab);
  if (reopenable) stores.closedTabs.getState().push({ profileId: tab.profileId, label });
  void stores.sessions.getState().close(sessionId);
  if (reopenable && hadOutput) {
    stores.ui
      .getState()
      .notify(`Closed ${label}`, 'info', { label: 'Reopen', run: () => void reopenClosedTab(stores) });
  }
}

/** Opens the server of the newest closed tab again (Ctrl+Shift+T); skips servers deleted since. */
export async function reopenClosedTab(stores: AppStores): Promise<void> {
  for (;;) {
    const closed = stores.closedTabs.getState().pop();
    if (!closed) {
      stores.ui.getState().notify('No closed tab to reopen.');
      return;
    }
    if (stores.profiles.getState().byId(closed.profileId)) {
      await connectProfile(stores, closed.profileId);
      return;
    }
  }
}

/**
 * Connects a tab restored after a restart (it has no session yet) in its place. Asks for the
 * password when none can be used, as opening a tab does; `password` is the answer.
 */
export async function attachTab(stores: AppStores, sessionId: string, password?: string): Promise<void> {
  const tab = stores.sessions.getState().tabs.find((t) => t.sessionId === sessionId);
  const profile = tab && stores.profiles.getState().byId(tab.profileId);
  if (!profile) return;
  try {
    await stores.sessions.getState().attach(sessionId, password);
  } catch (error) {
    const kind = errorKind(error);
    if ((kind === 'auth' || kind === 'keychain') && password === undefined) {
      // Only when this tab is in front: several restored tabs must not each pop a dialog.
      if (stores.sessions.getState().activeId === sessionId && stores.ui.getState().dialog.kind === 'none') {
        stores.ui.getState().openDialog({ kind: 'password', profile, purpose: 'attach', sessionId });
      }
      return;
    }
    stores.ui.getState().notify(`Could not open ${profile.name}: ${errorMessage(error)}`, 'error');
  }
}

/** Reconnect button: after a refused login it asks for a password, otherwise it retries as it is. */
export function reconnectTab(stores: AppStores, tab: SessionTab): void {
  if (tab.detached) {
    void attachTab(stores, tab.sessionId);
    return;
  }
  const profile = stores.profiles.getState().byId(tab.profileId);
  if (tab.authFailed && profile) {
    stores.ui.getState().openDialog({ kind: 'password', profile, purpose: 'reconnect', sessionId: tab.sessionId });
    return;
  }
  void stores.sessions.getState().reconnect(tab.sessionId);
}

/** Whether sending `command` to the tab's server must be confirmed first (its per-server setting). */
export function needsConfirmation(stores: AppStores, sessionId: string, command: string): boolean {
  if (!isDestructiveCommand(command)) return false;
  const tab = stores.sessions.getState().tabs.find((t) => t.sessionId === sessionId);
  const profile = tab && stores.profiles.getState().byId(tab.profileId);
  return profile === undefined || profileSettings(profile).confirmDestructive;
}

/**
 * Sends a command typed or clicked in a console. One that stops or restarts the server asks
 * first, unless the server's settings turn that off.
 */
export function sendFromConsole(stores: AppStores, sessionId: string, command: string, onCancel?: () => void): void {
  if (needsConfirmation(stores, sessionId, command)) {
    stores.ui.getState().openDialog({ kind: 'destructive', sessionId, command, onCancel });
    return;
  }
  void stores.sessions.getState().send(sessionId, command);
}

/**
 * Sends commands one after another, each once the previous one is answered, so the console shows
 * every echo followed by its answer. Stops when the tab is closed or a command cannot be sent.
 */
export async function sendCommands(stores: AppStores, sessionId: string, commands: readonly string[]): Promise<void> {
  for (const command of commands) {
    const sessions = stores.sessions.getState();
    const tab = sessions.tabs.find((t) => t.sessionId === sessionId);
    if (!tab || tab.status !== 'connected') return;
    await sessions.send(sessionId, command);
  }
}

/** Copies text to the clipboard; resolves to whether it worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fallback for contexts where the async clipboard is refused.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
