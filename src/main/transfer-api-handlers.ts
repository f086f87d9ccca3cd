import type { ApiHandlers, HandlerFactory } from './api-handlers';
import type { ProfileStore } from './services/profile-store';
import type { ProfileTransfer } from './services/profile-transfer';
import type { TranscriptWriter } from './services/transcript-writer';
import { expectArgs, parseId } from './validation';

/** The API methods this file handles. */
export type TransferMethod = 'importProfiles' | 'exportProfiles' | 'transcriptFolder';

export interface TransferServices {
  transfer: ProfileTransfer;
  transcripts: TranscriptWriter;
  profiles: ProfileStore;
}

/**
 * Servers to and from files: importing and exporting saved servers, and where a server's automatic
 * transcripts go. Import and export take no argument from the window: the file is chosen in a
 * dialog the main process shows, so a page cannot name a path to read or write.
 */
export function createTransferHandlers(
  { transfer, transcripts, profiles }: TransferServices,
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
    transcriptFolder: handle('transcriptFolder', async (args) => {
      expectArgs(args, 'transcriptFolder', 1);
      return transcripts.folderOf(await profiles.get(parseId(args[0], 'The profile id')));
    }),
  };
}
