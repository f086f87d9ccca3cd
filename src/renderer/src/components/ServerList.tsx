import { useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../api';
import {
  groupPlace,
  groupProfiles,
  moveGroupTo,
  moveProfileTo,
  placeAfterMove,
  stepGroup,
  stepProfile,
} from '../lib/profile-order';
import { filterProfiles } from '../lib/server-filter';
import { useProfiles, useSidebar, useStores } from '../stores/context';
import { ChevronDownIcon, ServerIcon } from './icons';
import { ServerRow } from './ServerRow';

/** What the arrow keys walk through: group headers and the servers shown under them. */
type NavItem =
  { key: string; kind: 'group'; group: string } | { key: string; kind: 'profile'; id: string; group: string };

type Drag = { kind: 'profile'; id: string } | { kind: 'group'; name: string };
/** Where a drop would land: before/after a row or a group, or at the end of a group (its header). */
type Drop =
  | { kind: 'row'; id: string; side: 'before' | 'after' }
  | { kind: 'into'; group: string }
  | { kind: 'group'; group: string; side: 'before' | 'after' };

const groupKey = (name: string) => `g:${name}`;
const profileKey = (id: string) => `p:${id}`;
const DRAG_TYPE = 'application/x-rcon-desk-server';

/**
 * The saved servers, grouped. One tab stop (roving tabindex): the arrow keys move between servers
 * and groups, Left/Right fold and unfold, Alt+Up/Down and drag-and-drop reorder.
 */
export function ServerList() {
  const stores = useStores();
  const profiles = useProfiles((s) => s.profiles);
  const loaded = useProfiles((s) => s.loaded);
  const selectedId = useProfiles((s) => s.selectedId);
  const filter = useSidebar((s) => s.filter);
  const collapsedGroups = useSidebar((s) => s.collapsedGroups);
  const filtering = filter.trim() !== '';

  const allGroups = useMemo(() => groupProfiles(profiles), [profiles]);
  const groups = useMemo(() => groupProfiles(filterProfiles(profiles, filter)), [profiles, filter]);
  const showGroupHeaders = allGroups.length > 1 || (allGroups[0]?.name ?? '') !== '';
  // While searching, every match shows, folded group or not: the search wins.
  const isOpen = (name: string) => filtering || !showGroupHeaders || !collapsedGroups.includes(name);

  const items: NavItem[] = groups.flatMap((group) => [
    ...(showGroupHeaders ? [{ key: groupKey(group.name), kind: 'group' as const, group: group.name }] : []),
    ...(isOpen(group.name)
      ? group.profiles.map((p) => ({ key: profileKey(p.id), kind: 'profile' as const, id: p.id, group: group.name }))
      : []),
  ]);
  const [focusKey, setFocusKey] = useState<string>();
  const selectedKey = selectedId === undefined ? undefined : profileKey(selectedId);
  const currentKey = [focusKey, selectedKey, items[0]?.key].find((key) => items.some((item) => item.key === key));

  const listRef = useRef<HTMLDivElement>(null);
  /** An item to focus once it is drawn again (a moved row is a new element in its new group). */
  const pendingFocus = useRef<string | undefined>(undefined);
  const elementFor = (key: string) =>
    listRef.current?.querySelector<HTMLElement>(`[data-nav-key="${CSS.escape(key)}"]`) ?? null;
  const focusItem = (key: string | undefined) => {
    if (key === undefined) return;
    setFocusKey(key);
    elementFor(key)?.focus();
  };
  useLayoutEffect(() => {
    const key = pendingFocus.current;
    if (key === undefined) return;
    const element = elementFor(key);
    if (element && document.activeElement !== element) element.focus();
    if (element) pendingFocus.current = undefined;
  });

  const fail = (what: string) => (error: unknown) =>
    stores.ui.getState().notify(`${what}: ${errorMessage(error)}`, 'error');
  const setGroupOpen = (name: string, open: boolean) => stores.sidebar.getState().setGroupCollapsed(name, !open);

  const moveProfile = (id: string, move: ReturnType<typeof moveProfileTo>) => {
    if (!move) return;
    if (move.group !== undefined) setGroupOpen(move.group, true);
    pendingFocus.current = document.activeElement === elementFor(profileKey(id)) ? profileKey(id) : undefined;
    stores.profiles
      .getState()
      .reorder(move.ids, move.group === undefined ? undefined : { id, group: move.group })
      .catch(fail('Could not move the server'));
  };
  const moveGroup = (name: string, ids: string[] | undefined) => {
    if (!ids) return;
    pendingFocus.current = document.activeElement === elementFor(groupKey(name)) ? groupKey(name) : undefined;
    stores.profiles.getState().reorder(ids).catch(fail('Could not move the group'));
  };

  /** Said by screen readers after a move from the keyboard, which they would not notice otherwise. */
  const [announcement, setAnnouncement] = useState('');

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = (event.target as HTMLElement).dataset['navKey'];
    const index = items.findIndex((item) => item.key === key);
    const item = items[index];
    if (!item || event.ctrlKey || event.metaKey) return;
    const arrow = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (event.altKey) {
      if (arrow === 0) return;
      event.preventDefault();
      if (filtering) {
        stores.ui.getState().notify('Clear the search to reorder the servers.');
      } else if (item.kind === 'profile') {
        const move = stepProfile(profiles, item.id, arrow);
        const name = profiles.find((p) => p.id === item.id)?.name ?? '';
        setAnnouncement(
          move ? `${name} moved: ${placeAfterMove(profiles, item.id, move)}` : `${name} cannot move further`,
        );
        moveProfile(item.id, move);
      } else {
        const ids = stepGroup(profiles, item.group, arrow);
        const title = item.group || 'Ungrouped';
        setAnnouncement(
          ids ? `${title} moved: ${groupPlace(profiles, ids, item.group)}` : `${title} cannot move further`,
        );
        moveGroup(item.group, ids);
      }
      return;
    }
    let next: string | undefined;
    if (arrow !== 0) next = items[index + arrow]?.key;
    else if (event.key === 'Home') next = items[0]?.key;
    else if (event.key === 'End') next = items[items.length - 1]?.key;
    else if (event.key === 'ArrowLeft') {
      if (item.kind === 'profile' && showGroupHeaders) next = groupKey(item.group);
      else if (item.kind === 'group' && !filtering) setGroupOpen(item.group, false);
    } else if (event.key === 'ArrowRight' && item.kind === 'group') {
      if (!isOpen(item.group)) setGroupOpen(item.group, true);
      else if (items[index + 1]?.kind === 'profile') next = items[index + 1]!.key;
    } else return;
    event.preventDefault();
    focusItem(next);
  };

  // --- drag and drop ----------------------------------------------------------------------------
  const [drag, setDragState] = useState<Drag>();
  const [drop, setDrop] = useState<Drop>();
  // Also in a ref: the first dragover can come before React has drawn the drag's start.
  const dragRef = useRef<Drag | undefined>(undefined);
  const setDrag = (next: Drag | undefined) => {
    dragRef.current = next;
    setDragState(next);
  };
  const endDrag = () => {
    setDrag(undefined);
    setDrop(undefined);
  };
  const startDrag = (next: Drag) => (event: DragEvent<HTMLElement>) => {
    if (filtering) return;
    event.stopPropagation();
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, next.kind === 'profile' ? next.id : next.name);
    setDrag(next);
  };
  const dropAt = (event: DragEvent<HTMLElement>): Drop | undefined => {
    const target = event.target as HTMLElement;
    const section = target.closest<HTMLElement>('[data-group]');
    const drag = dragRef.current;
    if (!drag || !section) return undefined;
    const group = section.dataset['group'] ?? '';
    if (drag.kind === 'group') {
      const box = section.getBoundingClientRect();
      return { kind: 'group', group, side: event.clientY > box.top + box.height / 2 ? 'after' : 'before' };
    }
    const row = target.closest<HTMLElement>('[data-profile-id]');
    if (!row) return { kind: 'into', group };
    const box = row.getBoundingClientRect();
    return {
      kind: 'row',
      id: row.dataset['profileId']!,
      side: event.clientY > box.top + box.height / 2 ? 'after' : 'before',
    };
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    const at = dropAt(event);
    if (!at) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (JSON.stringify(at) !== JSON.stringify(drop)) setDrop(at);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const at = dropAt(event);
    const moving = dragRef.current;
    endDrag();
    if (!at || !moving) return;
    event.preventDefault();
    if (moving.kind === 'group' && at.kind === 'group') {
      const names = allGroups.map((g) => g.name);
      const before = at.side === 'before' ? at.group : names[names.indexOf(at.group) + 1];
      moveGroup(moving.name, before === moving.name ? undefined : moveGroupTo(profiles, moving.name, before));
    } else if (moving.kind === 'profile' && at.kind === 'into') {
      moveProfile(moving.id, moveProfileTo(profiles, moving.id, at.group));
    } else if (moving.kind === 'profile' && at.kind === 'row') {
      const group = allGroups.find((g) => g.profiles.some((p) => p.id === at.id));
      if (!group) return;
      const index = group.profiles.findIndex((p) => p.id === at.id);
      const before = at.side === 'before' ? at.id : group.profiles[index + 1]?.id;
      moveProfile(moving.id, moveProfileTo(profiles, moving.id, group.name, before));
    }
  };

  return (
    <>
      <div className="sr-only" aria-live="polite" data-testid="server-list-announcement">
        {announcement}
      </div>
      <div
        className={`profile-list${drag ? ' dragging' : ''}`}
        role="region"
        aria-label="Saved servers"
        ref={listRef}
        onKeyDown={onKeyDown}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onDragEnd={endDrag}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDrop(undefined);
        }}
      >
        {loaded && profiles.length === 0 && (
          <div className="sidebar-empty">
            <ServerIcon size={28} />
            <p>No servers yet.</p>
            <p className="muted">Add one to open its console.</p>
          </div>
        )}
        {filtering && groups.length === 0 && profiles.length > 0 && (
          <div className="sidebar-empty" data-testid="no-servers-match">
            <p>No servers match “{filter.trim()}”.</p>
            <button type="button" className="button small" onClick={() => stores.sidebar.getState().setFilter('')}>
              Clear the search
            </button>
          </div>
        )}
        {groups.map((group) => {
          const open = isOpen(group.name);
          const title = group.name || 'Ungrouped';
          const key = groupKey(group.name);
          const dropSide =
            drop?.kind === 'group' && drop.group === group.name && drag?.kind === 'group' ? drop.side : undefined;
          const dropInto = drop?.kind === 'into' && drop.group === group.name;
          return (
            <section
              key={group.name || '\u0000'}
              className={`profile-group${dropSide ? ` drop-${dropSide}` : ''}${dropInto ? ' drop-into' : ''}`}
              aria-label={title}
              data-group={group.name}
            >
              {showGroupHeaders && (
                <div
                  className="group-header"
                  draggable={!filtering}
                  onDragStart={startDrag({ kind: 'group', name: group.name })}
                  data-testid="group-header"
                >
                  <h3 className="group-title">
                    <button
                      type="button"
                      className="group-toggle"
                      data-nav-key={key}
                      tabIndex={currentKey === key ? 0 : -1}
                      aria-expanded={filtering ? undefined : open}
                      title={filtering ? title : `${open ? 'Fold' : 'Unfold'} ${title} (Left / Right)`}
                      onClick={() => !filtering && setGroupOpen(group.name, !open)}
                      onFocus={() => setFocusKey(key)}
                    >
                      <ChevronDownIcon size={12} className="group-chevron" />
                      <span className="group-name">{title}</span>
                      <span className="group-count">{group.profiles.length}</span>
                    </button>
                  </h3>
                  {group.name !== '' && (
                    <button
                      type="button"
                      className="link-button group-broadcast"
                      tabIndex={currentKey === key ? 0 : -1}
                      title={`Send one command to every server of ${group.name}`}
                      aria-label={`Broadcast to group ${group.name}`}
                      onClick={() =>
                        stores.fleet
                          .getState()
                          .openBroadcast(`Group ${group.name}`, { kind: 'group', group: group.name })
                      }
                    >
                      Broadcast
                    </button>
                  )}
                </div>
              )}
              {open && (
                // Each group's rows are a list of their own: list items directly in their list.
                <div className="profile-group-rows" role="list" aria-label={`Servers in ${title}`}>
                  {group.profiles.map((profile) => (
                    <ServerRow
                      key={profile.id}
                      profile={profile}
                      current={currentKey === profileKey(profile.id)}
                      draggable={!filtering}
                      dropSide={drop?.kind === 'row' && drop.id === profile.id ? drop.side : undefined}
                      onFocusRow={() => setFocusKey(profileKey(profile.id))}
                      onDragStart={startDrag({ kind: 'profile', id: profile.id })}
                    />
                  ))}
                </div>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
