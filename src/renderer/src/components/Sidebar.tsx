import { useMemo } from 'react';
import type { ProfileView } from '../../../shared/api';
import { connectProfile } from '../actions';
import { errorMessage } from '../api';
import { formatEndpoint } from '../lib/format';
import { canMove, groupProfiles } from '../lib/profile-order';
import { useProfiles, useSessions, useStores } from '../stores/context';
import { Banners } from './Banners';
import { FleetNav } from './FleetNav';
import {
  ArrowDownIcon,
  ArrowUpIcon,
  DuplicateIcon,
  KeyboardIcon,
  PencilIcon,
  PlayIcon,
  PlusIcon,
  ServerIcon,
  TerminalIcon,
  TrashIcon,
} from './icons';
import { IconButton } from './IconButton';
import { ServerStatusLine, StatusIntervalPicker, StatusPoller } from './ServerStatusLine';
import { ServersMenu } from './ServersMenu';

export function Sidebar() {
  const stores = useStores();
  const profiles = useProfiles((s) => s.profiles);
  const loaded = useProfiles((s) => s.loaded);
  const groups = useMemo(() => groupProfiles(profiles), [profiles]);
  const showGroupHeaders = groups.length > 1 || (groups[0]?.name ?? '') !== '';

  return (
    <aside className="sidebar" aria-label="Servers">
      <div className="sidebar-header">
        <div className="brand">
          <TerminalIcon size={18} className="brand-icon" />
          <span>RCON Desk</span>
        </div>
        <ServersMenu />
        <button
          type="button"
          className="button small primary"
          onClick={() => stores.ui.getState().openDialog({ kind: 'editor', profile: undefined })}
          data-testid="add-profile"
          title="Add a server"
        >
          <PlusIcon size={14} /> Add
        </button>
      </div>
      <StatusPoller />
      <Banners />
      <FleetNav />
      <ProfileToolbar />
      <div className="profile-list" role="list">
        {loaded && profiles.length === 0 && (
          <div className="sidebar-empty">
            <ServerIcon size={28} />
            <p>No servers yet.</p>
            <p className="muted">Add one to open its console.</p>
          </div>
        )}
        {groups.map((group) => (
          <section key={group.name || '\u0000'} className="profile-group" aria-label={group.name || 'Ungrouped'}>
            {showGroupHeaders && (
              <div className="group-header">
                <h3 className="group-title">
                  {group.name || 'Ungrouped'}
                  <span className="group-count">{group.profiles.length}</span>
                </h3>
                {group.name !== '' && (
                  <button
                    type="button"
                    className="link-button group-broadcast"
                    title={`Send one command to every server of ${group.name}`}
                    aria-label={`Broadcast to group ${group.name}`}
                    onClick={() =>
                      stores.fleet.getState().openBroadcast(`Group ${group.name}`, { kind: 'group', group: group.name })
                    }
                  >
                    Broadcast
                  </button>
                )}
              </div>
            )}
            {group.profiles.map((profile) => (
              <ProfileRow key={profile.id} profile={profile} />
            ))}
          </section>
        ))}
      </div>
      <div className="sidebar-footer">
        <button
          type="button"
          className="link-button"
          onClick={() => stores.ui.getState().openDialog({ kind: 'help' })}
          title="Keyboard shortcuts"
        >
          <KeyboardIcon size={14} /> Shortcuts
        </button>
        <StatusIntervalPicker />
      </div>
    </aside>
  );
}

/** Actions on the selected server; a toolbar keeps the rows from changing height when selected. */
function ProfileToolbar() {
  const stores = useStores();
  const { ui, profiles } = stores;
  const all = useProfiles((s) => s.profiles);
  const profile = useProfiles((s) => s.profiles.find((p) => p.id === s.selectedId));
  if (all.length === 0) return null;
  const name = profile?.name ?? '';
  const run = (action: () => Promise<unknown>, failure: string) => {
    action().catch((error: unknown) => ui.getState().notify(`${failure}: ${errorMessage(error)}`, 'error'));
  };
  return (
    <div className="profile-toolbar" role="toolbar" aria-label="Selected server">
      <span className="toolbar-label" title={name}>
        {profile ? name : 'No server selected'}
      </span>
      <IconButton
        icon={ArrowUpIcon}
        title="Move up"
        label={`Move ${name} up`}
        disabled={!profile || !canMove(all, profile.id, -1)}
        onClick={() => profile && run(() => profiles.getState().move(profile.id, -1), 'Could not reorder')}
      />
      <IconButton
        icon={ArrowDownIcon}
        title="Move down"
        label={`Move ${name} down`}
        disabled={!profile || !canMove(all, profile.id, 1)}
        onClick={() => profile && run(() => profiles.getState().move(profile.id, 1), 'Could not reorder')}
      />
      <IconButton
        icon={PencilIcon}
        title="Edit"
        label={`Edit ${name}`}
        disabled={!profile}
        onClick={() => profile && ui.getState().openDialog({ kind: 'editor', profile })}
      />
      <IconButton
        icon={DuplicateIcon}
        title="Duplicate"
        label={`Duplicate ${name}`}
        disabled={!profile}
        onClick={() => profile && run(() => profiles.getState().duplicate(profile.id), 'Could not duplicate')}
      />
      <IconButton
        icon={TrashIcon}
        className="icon-button danger"
        title="Delete"
        label={`Delete ${name}`}
        disabled={!profile}
        onClick={() => profile && ui.getState().openDialog({ kind: 'delete', profile })}
      />
    </div>
  );
}

function ProfileRow({ profile }: { profile: ProfileView }) {
  const stores = useStores();
  const selected = useProfiles((s) => s.selectedId === profile.id);
  const openTabs = useSessions((s) => s.tabs.filter((tab) => tab.profileId === profile.id).length);
  const { profiles } = stores;

  return (
    <div
      role="listitem"
      className={`profile-row${selected ? ' selected' : ''}`}
      data-testid="profile-row"
      data-profile-id={profile.id}
      aria-label={profile.name}
      aria-selected={selected}
      tabIndex={0}
      onClick={() => profiles.getState().select(profile.id)}
      onDoubleClick={() => void connectProfile(stores, profile.id)}
      onKeyDown={(event) => {
        if (event.target !== event.currentTarget) return;
        if (event.key === 'Enter') void connectProfile(stores, profile.id);
        else if (event.key === 'F2') stores.ui.getState().openDialog({ kind: 'editor', profile });
        else if (event.key === 'Delete') stores.ui.getState().openDialog({ kind: 'delete', profile });
      }}
      onFocus={() => profiles.getState().select(profile.id)}
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
        <span className="profile-endpoint">{formatEndpoint(profile.host, profile.port)}</span>
        <ServerStatusLine profileId={profile.id} />
      </div>
      <button
        type="button"
        className="button small connect-button"
        title="Open a console (double-click the row does the same)"
        aria-label={`Connect to ${profile.name}`}
        onClick={(event) => {
          event.stopPropagation();
          profiles.getState().select(profile.id);
          void connectProfile(stores, profile.id);
        }}
      >
        <PlayIcon size={12} /> Connect
      </button>
    </div>
  );
}
