import { useCallback, useState } from 'react';
import { COMMAND_SOURCES, type AuditFilter, type ExportFormat } from '../../../shared/fleet';
import { sanitizeServerText } from '../../../shared/server-text';
import { errorMessage, getApi } from '../api';
import { useLoaded } from '../lib/use-loaded';
import { useFleet, useProfiles, useStores } from '../stores/context';

/** How many records the table shows; the exports take every matching record. */
const SHOWN = 500;

/** The audit log: every command sent, filtered by server, source, outcome and text, and exported. */
export function AuditView() {
  const stores = useStores();
  const profiles = useProfiles((s) => s.profiles);
  // New broadcasts, macro steps and schedule runs add records: reload when one reports.
  const activity = useFleet((s) => Object.keys(s.broadcasts).length + s.scheduleRunCount);
  const [filter, setFilter] = useState<AuditFilter>({});

  const readAudit = useCallback(
    () =>
      getApi()
        .readAudit({ ...filter, limit: SHOWN })
        .then((result) => ({ ...result, activity })),
    [filter, activity],
  );
  const loaded = useLoaded(readAudit);
  const records = loaded.value?.records ?? [];
  const unreadable = loaded.value?.unreadableLines ?? 0;
  const error = loaded.error === undefined ? undefined : `Could not read the audit log: ${loaded.error}`;
  const reload = loaded.reload;

  const exportAs = async (format: ExportFormat) => {
    try {
      const path = await getApi().exportAudit({ format, filter });
      if (path) stores.ui.getState().notify(`Exported to ${path}`);
    } catch (caught) {
      stores.ui.getState().notify(`Could not export: ${errorMessage(caught)}`, 'error');
    }
  };

  const update = (change: Partial<AuditFilter>) => {
    const next: AuditFilter = { ...filter, ...change };
    for (const key of Object.keys(next) as (keyof AuditFilter)[]) if (next[key] === '') delete next[key];
    setFilter(next);
  };

  return (
    <section className="fleet-view audit-view" aria-label="Audit log" data-testid="audit-view">
      <div className="audit-filters" role="search">
        <select
          aria-label="Server"
          value={filter.profileId ?? ''}
          onChange={(e) => update({ profileId: e.target.value })}
        >
          <option value="">All servers</option>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Source"
          value={filter.source ?? ''}
          onChange={(e) => update({ source: e.target.value as AuditFilter['source'] })}
        >
          <option value="">All sources</option>
          {COMMAND_SOURCES.map((source) => (
            <option key={source} value={source}>
              {source}
            </option>
          ))}
        </select>
        <select
          aria-label="Outcome"
          value={filter.outcome ?? ''}
          onChange={(e) => update({ outcome: e.target.value as AuditFilter['outcome'] })}
        >
          <option value="">All outcomes</option>
          <option value="ok">ok</option>
          <option value="error">error</option>
        </select>
        <input
          aria-label="Find text"
          placeholder="Server or command contains…"
          value={filter.text ?? ''}
          onChange={(e) => update({ text: e.target.value })}
        />
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => void reload()}>
          Refresh
        </button>
        <button type="button" className="button small" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="button small" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {unreadable > 0 && (
        <p className="form-warning">
          {unreadable} line{unreadable === 1 ? '' : 's'} of the log could not be read and are not shown.
        </p>
      )}
      <div className="fleet-table-scroll">
        <table className="fleet-table" aria-label="Audit records">
          <thead>
            <tr>
              <th>Time</th>
              <th>Server</th>
              <th>Command</th>
              <th>Source</th>
              <th>Outcome</th>
              <th>Duration</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record, index) => (
              <tr key={`${record.at}-${record.profileId}-${index}`} data-testid="audit-row">
                <td>{new Date(record.at).toLocaleString()}</td>
                <td title={record.address}>{record.server}</td>
                <td>
                  <code>{record.command}</code>
                </td>
                <td>{record.source}</td>
                <td className={`outcome-${record.outcome}`}>{record.outcome}</td>
                <td>{record.durationMs} ms</td>
                <td>{record.error ? sanitizeServerText(record.error) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {records.length === 0 && <p className="fleet-empty">No commands match.</p>}
      </div>
    </section>
  );
}
