import type { ImportProfilesResult, ProfileImportFormat } from '../../../shared/api';
import { WarningIcon } from './icons';
import { Modal } from './Modal';

/** How an import went: its report, or why the file was refused (then nothing was added). */
export type ImportOutcome = { kind: 'report'; result: ImportProfilesResult } | { kind: 'failed'; message: string };

const FORMAT_NAMES: Readonly<Record<ProfileImportFormat, string>> = {
  'rcon-cli': "gorcon rcon-cli's configuration",
  arrcon: "ARRCON's hosts file",
  'rcon-desk': 'an RCON Desk export',
};

/** The report of "Import servers…": what was imported, what was skipped and why, and where the passwords went. */
export function ImportReportDialog({ outcome, onClose }: { outcome: ImportOutcome; onClose: () => void }) {
  const footer = (
    <button type="button" className="button primary" data-autofocus onClick={onClose}>
      Close
    </button>
  );
  if (outcome.kind === 'failed') {
    return (
      <Modal title="Import failed" onClose={onClose} width={480} footer={footer}>
        <div data-testid="import-report">
          <p className="form-error" role="alert">
            {outcome.message}
          </p>
          <p className="muted">Nothing was imported: your saved servers are as they were.</p>
        </div>
      </Modal>
    );
  }
  const { result } = outcome;
  const plural = (n: number) => `${n} server${n === 1 ? '' : 's'}`;
  return (
    <Modal title={`Imported from ${result.fileName}`} onClose={onClose} width={520} footer={footer}>
      <div data-testid="import-report" className="import-report">
        <p data-testid="import-summary">
          {plural(result.imported.length)} imported, {result.skipped.length} skipped, from {FORMAT_NAMES[result.format]}
          .
        </p>
        {result.interrupted && (
          <p className="notice" role="alert" data-testid="import-interrupted">
            <WarningIcon size={14} />
            <span>{result.interrupted}</span>
          </p>
        )}
        {result.passwordProblem && (
          <p className="notice" role="status">
            <WarningIcon size={14} />
            <span>{result.passwordProblem}</span>
          </p>
        )}
        {result.imported.length > 0 && (
          <ul className="import-list" aria-label="Imported">
            {result.imported.map((entry) => (
              <li key={entry.name} data-testid="import-imported">
                <strong>{entry.name}</strong>
                <span className="muted">
                  {entry.passwordSaved ? ' — password saved in the keychain' : ' — no password saved'}
                </span>
              </li>
            ))}
          </ul>
        )}
        {result.skipped.length > 0 && (
          <>
            <h3 className="import-heading">Skipped</h3>
            <ul className="import-list" aria-label="Skipped">
              {result.skipped.map((entry, index) => (
                <li key={`${entry.name}-${index}`} data-testid="import-skipped">
                  <strong>{entry.name}</strong>: {entry.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Modal>
  );
}
