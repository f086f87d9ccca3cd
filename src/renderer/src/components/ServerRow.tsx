import type { DragEvent } from 'react';
import type { ProfileView } from '../../../shared/api';
import { connectProfile } from '../actions';
import { formatEndpoint } from '../lib/format';
import { serverState } from '../lib/server-state';
import { useProfiles, useSessions, useStores } from '../stores/context';
import { PlayIcon } from './icons';
import { ServerStatusLine } from './ServerStatusLine';

export interface ServerRowProps {
  profile: ProfileView;
  /** The roving tab stop of the list: the one row (or group) that Tab reaches. */
  current: boolean;
  draggable: boolean;
  /** Where a dragged server would land, relative to this row. */
  dropSide: 'before' | 'after' | undefined;
  onFocusRow(): void;
  onDragStart(event: DragEvent<HTMLDivElement>): void;
}

/** The state of a server's consoles: a shaped dot, a word, and the full picture for screen readers. */
function ServerState({ profileId }: { profileId: string }) {
  // A string, so the row re-renders only when what it shows changes.
  const statuses = useSessions((s) =>
    s.tabs
      .filter((tab) => tab.profileId === profileId)
      .map((tab) => tab.status)
      .join(','),
  );
  const list = statuses === '' ? [] : (statuses.split(',') as Parameters<typeof serverState>[0]);
  const { state, label, description } = serverState(list);
  return (
    <span
      className={`server-state state-${state}`}
      data-testid="server-state"
      data-state={state}
      title={description}
      id={`server-state-${profileId}`}
    >
      <span className="server-state-icon" aria-hidden="true" />
      <span className="server-state-label">{label}</span>
      {list.length > 1 && <span className="sr-only">, {description}</span>}
    </span>
  );
}

export function ServerRow({ profile, current, draggable, dropSide, onFocusRow, onDragStart }: ServerRowProps) {
  const stores = useStores();
  const selected = useProfiles((s) => s.selectedId === profile.id);
  const openTabs = useSessions((s) => s.tabs.filter((tab) => tab.profileId === profile.id).length);
  const { profiles } = stores;

  return (
    <div
      role="listitem"
      className={`profile-row${selected ? ' selected' : ''}${dropSide ? ` drop-${dropSide}` : ''}`}
      data-testid="profile-row"
      data-profile-id={profile.id}
      data-nav-key={`p:${profile.id}`}
      aria-label={profile.name}
      aria-describedby={`server-state-${profile.id}`}
      aria-current={selected ? 'true' : undefined}
      tabIndex={current ? 0 : -1}
      draggable={draggable}
      onDragStart={onDragStart}
      onClick={() => profiles.getState().select(profile.id)}
      onDoubleClick={() => void connectProfile(stores, profile.id)}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
        if (event.key === 'Enter') void connectProfile(stores, profile.id);
        else if (event.key === 'F2') stores.ui.getState().openDialog({ kind: 'editor', profile });
        else if (event.key === 'Delete') stores.ui.getState().openDialog({ kind: 'delete', profile });
      }}
      onFocus={(event) => {
        if (event.target !== event.currentTarget) return;
        profiles.getState().select(profile.id);
        onFocusRow();
      }}
    >
      <span className="color-dot" style={{ background: profile.color || 'var(--text-faint)' }} aria-hidden="true" />
      <div className="profile-text">
        <span className="profile-name">
          {/* Its own box, so a long name ends with "…" (text in a flex row is never ellipsized). */}
          <span className="profile-name-text" title={profile.name}>
            {profile.name}
          </span>
          {openTabs > 0 && (
            <span className="open-count" title={`${openTabs} open console${openTabs > 1 ? 's' : ''}`}>
              {openTabs}
            </span>
          )}
        </span>
        <span className="profile-endpoint-line">
          <span className="profile-endpoint">{formatEndpoint(profile.host, profile.port)}</span>
          <ServerState profileId={profile.id} />
        </span>
        <ServerStatusLine profileId={profile.id} />
      </div>
      <button
        type="button"
        className="button small connect-button"
        title="Connect: open a console (double-click or Enter on the row does the same)"
        aria-label={`Connect to ${profile.name}`}
        tabIndex={current ? 0 : -1}
        onClick={(event) => {
          event.stopPropagation();
          profiles.getState().select(profile.id);
          void connectProfile(stores, profile.id);
        }}
      >
        {/* The icon alone: the row's width goes to the name, address and state. */}
        <PlayIcon size={12} />
      </button>
    </div>
  );
}
