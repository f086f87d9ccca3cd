import { useRef } from 'react';
import { SIDEBAR_DEFAULT_WIDTH, SIDEBAR_MAX_WIDTH, SIDEBAR_MIN_WIDTH } from '../stores/sidebar';
import { useSidebar, useStores } from '../stores/context';

const STEP = 16;
const BIG_STEP = 64;

/**
 * The server list's right edge: drag it, or focus it and use Left/Right (Shift for bigger steps),
 * Home/End for the narrowest/widest, Enter to hide the list. Double-click goes back to the default.
 */
export function SidebarResizer() {
  const stores = useStores();
  const width = useSidebar((s) => s.width);
  const dragStart = useRef<{ x: number; width: number } | undefined>(undefined);
  const setWidth = (next: number) => stores.sidebar.getState().setWidth(next);

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the server list"
      aria-valuemin={SIDEBAR_MIN_WIDTH}
      aria-valuemax={SIDEBAR_MAX_WIDTH}
      aria-valuenow={width}
      aria-valuetext={`${width} pixels wide`}
      tabIndex={0}
      className="sidebar-resizer"
      data-testid="sidebar-resizer"
      title="Drag to resize (or focus and use Left / Right); double-click for the default width"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        dragStart.current = { x: event.clientX, width };
      }}
      onPointerMove={(event) => {
        const start = dragStart.current;
        if (start) setWidth(start.width + event.clientX - start.x);
      }}
      onPointerUp={() => (dragStart.current = undefined)}
      onPointerCancel={() => (dragStart.current = undefined)}
      onDoubleClick={() => setWidth(SIDEBAR_DEFAULT_WIDTH)}
      onKeyDown={(event) => {
        const step = event.shiftKey ? BIG_STEP : STEP;
        const actions: Record<string, () => void> = {
          ArrowLeft: () => setWidth(width - step),
          ArrowRight: () => setWidth(width + step),
          Home: () => setWidth(SIDEBAR_MIN_WIDTH),
          End: () => setWidth(SIDEBAR_MAX_WIDTH),
          Enter: () => stores.sidebar.getState().setCollapsed(true),
        };
        const action = actions[event.key];
        if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
        event.preventDefault();
        action();
      }}
    />
  );
}
