import { errorMessage } from '../api';
import { canMove } from '../lib/profile-order';
import { useProfiles, useSidebar, useStores } from '../stores/context';
import { Banners } from './Banners';
import { FleetNav } from './FleetNav';
import {
  ArrowDownIcon,
  ArrowUpIcon,
  DuplicateIcon,
  KeyboardIcon,
  PencilIcon,
  PlusIcon,
  SearchIcon,
  SidebarIcon,
  TerminalIcon,
  TrashIcon,
} from './icons';
import { IconButton } from './IconButton';
import { ServerList } from './ServerList';
import { ServerSearch } from './ServerSearch';
import { StatusIntervalPicker, StatusPoller } from './ServerStatusLine';
import { ServersMenu } from './ServersMenu';
import { SidebarResizer } from './SidebarResizer';

export function Sidebar() {
  const stores = useStores();
  const width = useSidebar((s) => s.width);
  const collapsed = useSidebar((s) => s.collapsed);
  const setCollapsed = (value: boolean) => stores.sidebar.getState().setCollapsed(value);

  // Folded, the list stays mounted (hidden), so its search and focus survive a Ctrl+B and back.
  return (
    <aside
      className={`sidebar${collapsed ? ' collapsed' : ''}`}
      aria-label="Servers"
      style={collapsed ? undefined : { width }}
      data-testid="sidebar"
    >
      {collapsed && <SidebarRail onExpand={() => setCollapsed(false)} />}
      <div className="sidebar-content" id="sidebar-content" hidden={collapsed}>
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
          <IconButton
            icon={SidebarIcon}
            className="icon-button sidebar-collapse"
            label="Hide the server list"
            title="Hide the server list (Ctrl+B)"
            aria-expanded={true}
            aria-controls="sidebar-content"
            data-testid="sidebar-collapse"
            onClick={() => setCollapsed(true)}
          />
        </div>
        <StatusPoller />
        <Banners />
        <FleetNav />
        <ProfileToolbar />
        <ServerSearch />
        <ServerList />
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
      </div>
      {!collapsed && <SidebarResizer />}
    </aside>
  );
}

/** The folded server list: a narrow strip to bring it back, add a server or find one. */
function SidebarRail({ onExpand }: { onExpand: () => void }) {
  const stores = useStores();
  return (
    <div className="sidebar-rail">
      <IconButton
        icon={SidebarIcon}
        label="Show the server list"
        title="Show the server list (Ctrl+B)"
        aria-expanded={false}
        aria-controls="sidebar-content"
        data-testid="sidebar-expand"
        onClick={onExpand}
      />
      <IconButton
        icon={SearchIcon}
        label="Find a server"
        title="Find a server (Ctrl+K)"
        onClick={() => stores.sidebar.getState().requestSearchFocus()}
      />
      <IconButton
        icon={PlusIcon}
        label="Add a server"
        title="Add a server"
        onClick={() => stores.ui.getState().openDialog({ kind: 'editor', profile: undefined })}
      />
    </div>
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
