import { useState } from 'react';
import { useProfiles } from '../stores/context';
import { CloseIcon, LockIcon, WarningIcon } from './icons';
import { IconButton } from './IconButton';

const withoutFinalPeriod = (text: string): string => text.trim().replace(/\.+$/, '');

/** Keychain unavailable, profiles file corrupt, profiles not loadable: said plainly, at the top of the list. */
export function Banners() {
  const keychain = useProfiles((s) => s.keychain);
  const report = useProfiles((s) => s.loadReport);
  const loadError = useProfiles((s) => s.loadError);
  const [reportDismissed, setReportDismissed] = useState(false);

  return (
    <>
      {keychain && !keychain.available && (
        <div className="banner banner-warning" role="status" data-testid="keychain-banner">
          <LockIcon className="banner-icon" />
          <p>
            No keychain available ({withoutFinalPeriod(keychain.reason ?? 'unknown reason')}). Passwords will be asked
            for at connect time and not saved.
          </p>
        </div>
      )}
      {report && !report.ok && !reportDismissed && (
        <div className="banner banner-error" role="alert" data-testid="corrupt-banner">
          <WarningIcon className="banner-icon" />
          <p>
            <strong>The saved server list was damaged.</strong> {report.problem ?? 'The file could not be read.'}
            {report.backupPath && !(report.problem ?? '').includes(report.backupPath) && (
              <>
                {' '}
                The damaged file was kept as <code>{report.backupPath}</code>.
              </>
            )}
          </p>
          <IconButton
            icon={CloseIcon}
            iconSize={12}
            className="icon-button banner-close"
            label="Dismiss"
            title="Dismiss"
            onClick={() => setReportDismissed(true)}
          />
        </div>
      )}
      {loadError && (
        <div className="banner banner-error" role="alert">
          <WarningIcon className="banner-icon" />
          <p>The server list could not be loaded: {loadError}</p>
        </div>
      )}
    </>
  );
}
