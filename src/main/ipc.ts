import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  FLEET_EVENT_CHANNEL,
  INVOKE_CHANNELS,
  OUTPUT_RECEIVED_CHANNEL,
  SESSION_EVENT_CHANNEL,
  type ApiResult,
  type InvokeMethod,
  type SessionEvent,
} from '../shared/api';
import { SessionEventForwarder } from './session-event-forwarder';
import type { ApiHandlers } from './api-handlers';
import type { AppOrigin } from './app-origin';
import type { FleetService } from './services/fleet-service';
import type { SessionManager } from './services/session-manager';

export interface IpcOptions {
  handlers: ApiHandlers;
  sessions: SessionManager;
  fleet: FleetService;
  origin: AppOrigin;
  /** The app window, when there is one. */
  window: () => BrowserWindow | undefined;
}

const FOREIGN_SENDER: ApiResult<never> = {
  ok: false,
  error: { kind: 'internal', message: 'Refused: the request did not come from the RCON Desk window.' },
};

/**
 * Connects the API handlers to ipcMain and session events to the window. Only the top frame of
 * the app's own window, showing the app's own page, may call. Returns a function that undoes it.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { handlers, sessions, fleet, origin } = options;
  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const window = options.window();
    const frame = event.senderFrame;
    return (
      window !== undefined &&
      !window.isDestroyed() &&
      event.sender === window.webContents &&
      frame !== null &&
      frame === event.sender.mainFrame &&
      origin.isAppPage(frame.url)
    );
  };

  const methods = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];
  for (const method of methods) {
    const handler = handlers[method] as (args: unknown[]) => Promise<ApiResult<unknown>>;
    ipcMain.handle(INVOKE_CHANNELS[method], (event, ...args: unknown[]) =>
      isTrusted(event) ? handler(args) : FOREIGN_SENDER,
    );
  }

  const sendTo =
    (channel: string) =>
    (event: unknown): void => {
      const contents = options.window()?.webContents;
      if (contents && !contents.isDestroyed()) contents.send(channel, event);
    };
  // Server messages that come together go over together, and a long output in parts: one 20 MiB
  // message, or thousands of one-line ones, would stall the window while they arrive.
  const sessionForwarder = new SessionEventForwarder(sendTo(SESSION_EVENT_CHANNEL));
  const forwardSession = (event: SessionEvent): void => sessionForwarder.forward(event);
  ipcMain.handle(OUTPUT_RECEIVED_CHANNEL, (event, receipt: unknown) =>
    isTrusted(event) ? sessionForwarder.received(receipt) : FOREIGN_SENDER,
  );
  const forwardFleet = sendTo(FLEET_EVENT_CHANNEL);
  sessions.on('event', forwardSession);
  fleet.on('event', forwardFleet);

  return () => {
    for (const method of methods) ipcMain.removeHandler(INVOKE_CHANNELS[method]);
    ipcMain.removeHandler(OUTPUT_RECEIVED_CHANNEL);
    sessions.off('event', forwardSession);
    sessionForwarder.dispose();
    fleet.off('event', forwardFleet);
  };
}
