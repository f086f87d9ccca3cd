/// <reference types="vite/client" />
import type { RconDeskApi } from '../../shared/api';
import type { RconDeskTestHook } from './test-hook';

declare global {
  interface Window {
    /** Exposed by the preload (contextBridge); reach it through `getApi()` in ./api. */
    rconDesk: RconDeskApi;
    /** Only with the `?test` query flag: lets end-to-end tests read the terminals. */
    __rconDeskTest?: RconDeskTestHook;
  }
}

export {};
