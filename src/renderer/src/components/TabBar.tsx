import { useEffect, useMemo, useRef } from 'react';
import { closeTab, connectSelected, reopenClosedTab } from '../actions';
import { STATUS_LABELS } from '../lib/format';
import { useClosedTabs, useProfiles, useSessions, useStores } from '../stores/context';
import { splitLabels, tabLabels } from '../lib/tab-labels';
import { ChevronDownIcon, CloseIcon, PlusIcon } from './icons';
import { MenuButton } from './MenuButton';
import { StatusDot } from './StatusBadge';
import { IconButton } from './IconButton';
import { useTabReorder } from './use-tab-reorder';

export function TabBar() {
  const stores = useStores();
  const tabs = useSessions((s) => s.tabs);
  const activeId = useSessions((s) => s.activeId);
  const profiles = useProfiles((s) => s.profiles);
  const canReopen = useClosedTabs((s) => s.closed.length > 0);
  // A renamed server renames its tabs at once; a deleted one's tabs keep the name they had.
  const labels = useMemo(() => {
    const names = new Map(profiles.map((p) => [p.id, p.name]));
    return tabLabels(tabs.map((tab) => ({ ...tab, title: names.get(tab.profileId) ?? tab.title })));
  }, [tabs, profiles]);
  const parts = useMemo(() => {
    const ids = [...labels.keys()];
    const split = splitLabels(ids.map((id) => labels.get(id)!));
    return new Map(ids.map((id, index) => [id, split[index]!]));
  }, [labels]);
  const colors = useMemo(() => new Map(profiles.map((p) => [p.id, p.color])), [profiles]);
  // Middle-click closes a tab as in browsers. The window disables `auxclick` (it can open links),
  // so the click is made of a middle-button press and release on the same tab.
  const middlePressed = useRef<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const reorder = useTabReorder(stores.sessions, listRef);

  // The active tab is always in sight, however it became active (click, Ctrl+Tab, a new tab, the
  // menu), and when the window's width changes under it.
  useEffect(() => {
    const list = listRef.current;
    if (activeId === undefined || !list) return;
    const reveal = () =>
      list
        .querySelector(`[data-session-id="${CSS.escape(activeId)}"]`)
        ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    reveal();
    const observer = new ResizeObserver(reveal);
    observer.observe(list);
    return () => observer.disconnect();
  }, [activeId, tabs.length]);

  return (
    <div className="tab-bar">
      <div className="tabs" role="tablist" aria-label="Consoles" ref={listRef}>
        {tabs.map((tab) => {
          const active = tab.sessionId === activeId;
          const label = labels.get(tab.sessionId) ?? tab.title;
          const { head, tail } = parts.get(tab.sessionId) ?? { head: label, tail: '' };
          return (
            <div
              key={tab.sessionId}
              role="tab"
              id={`tab-${tab.sessionId}`}
              aria-selected={active}
              aria-controls={`console-${tab.sessionId}`}
              tabIndex={active ? 0 : -1}
              className={`tab${active ? ' active' : ''}${reorder.dropClass(tab.sessionId)}`}
              data-testid="tab"
              data-session-id={tab.sessionId}
              data-status={tab.status}
              title={`${label} — ${STATUS_LABELS[tab.status]}${tab.reason ? `: ${tab.reason}` : ''}`}
              {...reorder.props(tab.sessionId)}
              onMouseDown={(event) => {
                if (event.button !== 1) return;
                event.preventDefault(); // no autoscroll
                middlePressed.current = tab.sessionId;
              }}
              onMouseUp={(event) => {
                if (event.button !== 1) return;
                const pressed = middlePressed.current;
                middlePressed.current = null;
                if (pressed === tab.sessionId) closeTab(stores, tab.sessionId);
              }}
              onClick={() => stores.sessions.getState().activate(tab.sessionId)}
            >
              <span className="tab-color" style={{ background: colors.get(tab.profileId) || 'transparent' }} />
              <StatusDot status={tab.status} />
              <span className="tab-title">
                {head !== '' && <span className="tab-title-head">{head}</span>}
                {tail !== '' && (
                  <span className="tab-title-tail" data-testid="tab-label-tail">
                    {tail}
                  </span>
                )}
              </span>
              <IconButton
                icon={CloseIcon}
                iconSize={12}
                className="tab-close"
                label={`Close ${label}`}
                title="Close (Ctrl+W)"
                onClick={(event) => {
                  event.stopPropagation();
                  closeTab(stores, tab.sessionId);
                }}
              />
            </div>
          );
        })}
      </div>
      <MenuButton
        icon={ChevronDownIcon}
        className="icon-button tab-list-button"
        label="All tabs"
        title="List all tabs"
        testId="tab-list"
        items={[
          ...tabs.map((tab) => ({
            key: tab.sessionId,
            checked: tab.sessionId === activeId,
            testId: 'tab-list-item',
            title: labels.get(tab.sessionId) ?? tab.title,
            onSelect: () => {
              stores.sessions.getState().activate(tab.sessionId);
              stores.ui.getState().requestCommandLineFocus();
            },
            label: (
              <>
                <StatusDot status={tab.status} />
                <span className="menu-item-text">{labels.get(tab.sessionId) ?? tab.title}</span>
              </>
            ),
          })),
          {
            key: 'reopen-closed-tab',
            testId: 'reopen-closed-tab',
            disabled: !canReopen,
            onSelect: () => void reopenClosedTab(stores),
            label: <span className="menu-item-text">Reopen closed tab (Ctrl+Shift+T)</span>,
          },
        ]}
      />
      <IconButton
        icon={PlusIcon}
        className="icon-button new-tab"
        label="New console for the selected server"
        title="New console for the selected server (Ctrl+T)"
        onClick={() => connectSelected(stores)}
      />
    </div>
  );
}
