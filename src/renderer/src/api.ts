import type { RconDeskApi } from '../../shared/api';

/**
 * The renderer's only door to the main process: `window.rconDesk`, exposed by the preload.
 * Everything else asks `getApi()`, so tests (and a future web build) can inject another object.
 */
let injected: RconDeskApi | undefined;

export function setApi(api: RconDeskApi | undefined): void {
  injected = api;
}

export function getApi(): RconDeskApi {
  if (injected) return injected;
  const api = (globalThis as { rconDesk?: RconDeskApi }).rconDesk;
  if (!api) {
    throw new Error('The RCON Desk API (window.rconDesk) is missing: the preload script did not run.');
  }
  return api;
}

/** A rejection's message in words: an ApiError carries one written for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/** The ApiError kind of a rejection, when it has one (it survives the bridge as a plain property). */
export function errorKind(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'kind' in error && typeof error.kind === 'string') {
    return error.kind;
  }
  return undefined;
}
