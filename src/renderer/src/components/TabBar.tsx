import { useMemo, useRef } from 'react';
import { connectSelected } from '../actions';
import { STATUS_LABELS } from '../lib/format';
import { useProfiles, useSessions, useStores } from '../stores/context';
import { tabLabels } from '../lib/tab-labels';
import { CloseIcon, PlusIcon } from './icons';
import { StatusDot } from './StatusBadge';
import { IconButton } from './IconButton';

export function TabBar() {
  const stores = useStores();
  const tabs = useSessions((s) => s.tabs);
  const activeId = useSessions((s) => s.activeId);
  const profiles = useProfiles((s) => s.profiles);
  const labels = useMemo(() => tabLabels(tabs), [tabs]);
  const colors = useMemo(() => new Map(profiles.map((p) => [p.id, p.color])), [profiles]);
  // Middle-click closes a tab as in browsers. The window disables `auxclick` (it can open links),
  // so the click is made of a middle-button press and release on the same tab.
  const middlePressed = useRef<string | null>(null);

  return (
    <div className="tab-bar">
      <div className="tabs" role="tablist" aria-label="Consoles">
        {tabs.map((tab) => {
          const active = tab.sessionId === activeId;
          const label = labels.get(tab.sessionId) ?? tab.title;
          return (
            <div
              key={tab.sessionId}
              role="tab"
              id={`tab-${tab.sessionId}`}
              aria-selected={active}
              aria-controls={`console-${tab.sessionId}`}
              tabIndex={active ? 0 : -1}
              className={`tab${active ? ' active' : ''}`}
              data-testid="tab"
              data-session-id={tab.sessionId}
              data-status={tab.status}
              title={`${label} — ${STATUS_LABELS[tab.status]}${tab.reason ? `: ${tab.reason}` : ''}`}
              onMouseDown={(event) => {
                if (event.button !== 1) return;
                event.preventDefault(); // no autoscroll
                middlePressed.current = tab.sessionId;
              }}
              onMouseUp={(event) => {
                if (event.button !== 1) return;
                const pressed = middlePressed.current;
                middlePressed.current = null;
                if (pressed === tab.sessionId) void stores.sessions.getState().close(tab.sessionId);
              }}
              onClick={() => stores.sessions.getState().activate(tab.sessionId)}
            >
              <span className="tab-color" style={{ background: colors.get(tab.profileId) || 'transparent' }} />
              <StatusDot status={tab.status} />
              <span className="tab-title">{label}</span>
              <IconButton
                icon={CloseIcon}
                iconSize={12}
                className="tab-close"
                label={`Close ${label}`}
                title="Close (Ctrl+W)"
                onClick={(event) => {
                  event.stopPropagation();
                  void stores.sessions.getState().close(tab.sessionId);
                }}
              />
            </div>
          );
        })}
      </div>
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
