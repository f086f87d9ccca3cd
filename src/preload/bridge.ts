import {
  ApiError,
  asApiError,
  FLEET_EVENT_CHANNEL,
  SHOW_SESSION_CHANNEL,
  INVOKE_CHANNELS,
  OUTPUT_RECEIVED_CHANNEL,
  SESSION_EVENT_CHANNEL,
  type OutputReceipt,
  type ApiErrorShape,
  type ApiResult,
  type InvokeMethod,
  type RconDeskApi,
  type SessionEvent,
  type ShowSessionRequest,
} from '../shared/api';
import type { FleetEvent } from '../shared/fleet';

/** How the bridge reaches the main process: ipcRenderer in the app, something else in a browser harness. */
export interface BridgeTransport {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

type InvokeMethods = Pick<RconDeskApi, InvokeMethod>;

/**
 * The API object the renderer sees. It has one named method per invoke channel and nothing
 * generic, so a compromised page cannot reach channels that are not part of the API. This file
 * must not import electron: a browser test harness bundles it with its own transport.
 */
export function createBridge(transport: BridgeTransport): RconDeskApi {
  const call =
    (method: InvokeMethod) =>
    async (...args: unknown[]): Promise<unknown> =>
      unwrap(await transport.invoke(INVOKE_CHANNELS[method], args));

  const methods = Object.fromEntries(
    (Object.keys(INVOKE_CHANNELS) as InvokeMethod[]).map((method) => [method, call(method)]),
  ) as unknown as InvokeMethods;

  // One subscription to session events for all the page's listeners, which also sends the main
  // process's flow control its receipts (OUTPUT_RECEIVED_CHANNEL): the first when the page starts
  // listening, then one per output event handed over.
  const page = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const receipt = (chars: number): void => {
    const value: OutputReceipt = { page, chars };
    transport.invoke(OUTPUT_RECEIVED_CHANNEL, [value]).catch(() => undefined);
  };
  const sessionListeners = new Set<(event: SessionEvent) => void>();
  let unsubscribeSessions: (() => void) | undefined;
  const onSessionPayload = (payload: unknown): void => {
    const event = payload as SessionEvent;
    for (const listener of [...sessionListeners]) listener(event);
    if (event.type === 'output') receipt(event.text.length);
  };

  return {
    ...methods,
    onSessionEvent(listener: (event: SessionEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onSessionEvent needs a function.');
      // Each subscription is its own, even for a listener given twice, as with ipcRenderer.on.
      const own = (event: SessionEvent): void => listener(event);
      sessionListeners.add(own);
      if (!unsubscribeSessions) {
        unsubscribeSessions = transport.subscribe(SESSION_EVENT_CHANNEL, onSessionPayload);
        receipt(0);
      }
      return () => {
        if (!sessionListeners.delete(own) || sessionListeners.size > 0) return;
        unsubscribeSessions?.();
        unsubscribeSessions = undefined;
      };
    },
    onFleetEvent(listener: (event: FleetEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onFleetEvent needs a function.');
      return transport.subscribe(FLEET_EVENT_CHANNEL, (payload) => listener(payload as FleetEvent));
    },
    onShowSession(listener: (request: ShowSessionRequest) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onShowSession needs a function.');
      return transport.subscribe(SHOW_SESSION_CHANNEL, (payload) => listener(payload as ShowSessionRequest));
    },
  };
}

/** Returns the value of `{ ok: true }` and throws ApiError for `{ ok: false }` or anything malformed. */
export function unwrap(result: unknown): unknown {
  if (isResult(result)) {
    if (result.ok) return result.value;
    throw new ApiError(result.error);
  }
  throw new ApiError({ kind: 'internal', message: 'The app sent an answer the window does not understand.' });
}

function isResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; value?: unknown; error?: unknown };
  if (candidate.ok === true) return true;
  return candidate.ok === false && isErrorShape(candidate.error);
}

function isErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { kind?: unknown; message?: unknown };
  return typeof candidate.kind === 'string' && typeof candidate.message === 'string';
}

/** How a failed call reaches the page through contextBridge. */
export interface BridgedApiError extends ApiErrorShape {
  name: 'ApiError';
}

/**
 * The API as it is handed to contextBridge. contextBridge rebuilds a thrown Error from its
 * message alone, dropping `kind`, but copies plain objects whole; so each method rejects with
 * a plain `{ name: 'ApiError', kind, message }` instead. `asApiError` in src/shared/api.ts
 * turns either form back into an ApiError.
 */
export function forContextBridge(api: RconDeskApi): RconDeskApi {
  const wrap =
    (method: InvokeMethod) =>
    async (...args: unknown[]): Promise<unknown> => {
      try {
        return await (api[method] as (...args: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        const { kind, message } = asApiError(error);
        const bridged: BridgedApiError = { name: 'ApiError', kind, message };
        throw bridged;
      }
    };
  const methods = Object.fromEntries(
    (Object.keys(INVOKE_CHANNELS) as InvokeMethod[]).map((method) => [method, wrap(method)]),
  ) as unknown as InvokeMethods;
  return {
    ...methods,
    onSessionEvent: (listener) => api.onSessionEvent(listener),
    onFleetEvent: (listener) => api.onFleetEvent(listener),
    onShowSession: (listener) => api.onShowSession(listener),
  };
}
