import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL } from '../shared/api';
import { createBridge, forContextBridge } from './bridge';

const api = createBridge({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  subscribe: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld(API_GLOBAL, forContextBridge(api));
