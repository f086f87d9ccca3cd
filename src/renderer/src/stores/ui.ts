import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ProfileView } from '../../../shared/api';

/** Which dialog is open; only one at a time. */
export type Dialog =
  | { kind: 'none' }
  | { kind: 'editor'; profile: ProfileView | undefined }
  | { kind: 'delete'; profile: ProfileView }
  /** `reason`: why a password is asked for when one is saved (the server refused it). */
  | { kind: 'password'; profile: ProfileView; purpose: 'open'; reason?: string }
  | { kind: 'password'; profile: ProfileView; purpose: 'reconnect'; sessionId: string }
  /** For a tab restored after a restart, connected in its place. */
  | { kind: 'password'; profile: ProfileView; purpose: 'attach'; sessionId: string }
  | { kind: 'help' }
  /** Several pasted lines, to confirm before each is sent as its own command. */
  | { kind: 'paste'; sessionId: string; commands: string[] }
  /** A command that stops or restarts the server (src/shared/destructive-commands.ts), to confirm first. */
  | { kind: 'destructive'; sessionId: string; command: string; onCancel?: (() => void) | undefined };

/** A button in a toast, e.g. "Reopen" after closing a tab. */
export interface ToastAction {
  label: string;
  run: () => void;
}

export interface UiState {
  dialog: Dialog;
  /** Prefix console lines with [HH:MM:SS]. */
  timestamps: boolean;
  /** A short message at the bottom (e.g. "Copied 12 lines"); cleared after a while. */
  toast: { text: string; tone: 'info' | 'error'; id: number; action?: ToastAction } | undefined;
  /** Bumped to ask the active console to focus its command line (Ctrl+L). */
  commandLineFocusRequest: number;
  /** Bumped to ask the active console to open its search bar (Ctrl+F). */
  searchRequest: number;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  setTimestamps(on: boolean): void;
  notify(text: string, tone?: 'info' | 'error', action?: ToastAction): void;
  dismissToast(id: number): void;
  requestCommandLineFocus(): void;
  requestSearch(): void;
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  let toastId = 0;
  return createStore<UiState>()((set, get) => ({
    dialog: { kind: 'none' },
    timestamps: false,
    toast: undefined,
    commandLineFocusRequest: 0,
    searchRequest: 0,
    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: { kind: 'none' } });
    },
    setTimestamps(on) {
      set({ timestamps: on });
    },
    notify(text, tone = 'info', action) {
      toastId += 1;
      set({ toast: action ? { text, tone, id: toastId, action } : { text, tone, id: toastId } });
    },
    dismissToast(id) {
      if (get().toast?.id === id) set({ toast: undefined });
    },
    requestCommandLineFocus() {
      set((state) => ({ commandLineFocusRequest: state.commandLineFocusRequest + 1 }));
    },
    requestSearch() {
      set((state) => ({ searchRequest: state.searchRequest + 1 }));
    },
  }));
}
