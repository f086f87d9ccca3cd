import type { KeytarModule } from './services/secret-store';

/**
 * keytar is native code that may fail to load (built for another runtime, libsecret missing);
 * then the app and the CLI run without a keychain instead of not at all, and say why.
 */
export function loadKeytar(): KeytarModule | Error {
  try {
    // require, not import(): the bundles are CommonJS, and a native module unpacked beside the
    // app's asar archive is found by require's resolution.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('keytar') as KeytarModule;
  } catch (error) {
    return new Error(error instanceof Error ? error.message : String(error));
  }
}
