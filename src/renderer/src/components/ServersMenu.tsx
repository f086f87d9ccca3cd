import { useState } from 'react';
import { errorMessage, getApi } from '../api';
import { useStores } from '../stores/context';
import { MoreIcon } from './icons';
import { ImportReportDialog, type ImportOutcome } from './ImportReportDialog';
import { MenuButton } from './MenuButton';

/**
 * The server list's menu: "Import servers…" from other RCON tools' files (or an RCON Desk export)
 * and "Export servers…" without passwords. The files are chosen in dialogs the main process shows.
 */
export function ServersMenu() {
  const stores = useStores();
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>();

  const importServers = async () => {
    try {
      const result = await getApi().importProfiles();
      if (!result) return;
      await stores.profiles.getState().load();
      setOutcome({ kind: 'report', result });
    } catch (caught) {
      setOutcome({ kind: 'failed', message: errorMessage(caught) });
    }
  };

  const exportServers = async () => {
    try {
      const result = await getApi().exportProfiles();
      if (!result.saved) return;
      const servers = `${result.count} server${result.count === 1 ? '' : 's'}`;
      stores.ui.getState().notify(`Exported ${servers} to ${result.path ?? 'the file'}, without passwords.`);
    } catch (caught) {
      stores.ui.getState().notify(`Could not export: ${errorMessage(caught)}`, 'error');
    }
  };

  return (
    <div className="servers-menu">
      <MenuButton
        icon={MoreIcon}
        label="Server list menu"
        title="Import or export servers"
        className="icon-button"
        testId="servers-menu"
        items={[
          {
            key: 'import',
            label: 'Import servers…',
            title: "From gorcon rcon-cli's rcon.yaml, ARRCON's .hosts or an RCON Desk export",
            testId: 'import-servers',
            onSelect: () => void importServers(),
          },
          {
            key: 'export',
            label: 'Export servers…',
            title: 'Every saved server to a file, without passwords',
            testId: 'export-servers',
            onSelect: () => void exportServers(),
          },
        ]}
      />
      {outcome && <ImportReportDialog outcome={outcome} onClose={() => setOutcome(undefined)} />}
    </div>
  );
}
