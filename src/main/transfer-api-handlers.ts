import type { ApiHandlers, HandlerFactory } from './api-handlers';
import type { ProfileTransfer } from './services/profile-transfer';
import { expectArgs } from './validation';

/** The API methods this file handles. */
export type TransferMethod = 'importProfiles' | 'exportProfiles';

/**
 * Importing and exporting saved servers. Neither takes an argument from the window: the file is
 * chosen in a dialog the main process shows, so a page cannot name a path to read or write.
 */
export function createTransferHandlers(
  transfer: ProfileTransfer,
  handle: HandlerFactory,
): Pick<ApiHandlers, TransferMethod> {
  return {
    importProfiles: handle('importProfiles', async (args) => {
      expectArgs(args, 'importProfiles', 0);
      return transfer.importFromFile();
    }),
    exportProfiles: handle('exportProfiles', async (args) => {
      expectArgs(args, 'exportProfiles', 0);
      return transfer.exportToFile();
    }),
  };
}
