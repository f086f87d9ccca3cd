import { useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent, type RefObject } from 'react';
import type { SessionsStore } from '../stores/sessions';

const DRAG_TYPE = 'application/x-rcon-desk-tab';

interface TabReorder {
  /** Props for one tab: drag it onto another, or Alt+Left/Right (Alt+Up/Down) while it has the focus. */
  props(sessionId: string): {
    draggable: true;
    onDragStart(event: DragEvent<HTMLElement>): void;
    onDragOver(event: DragEvent<HTMLElement>): void;
    onDrop(event: DragEvent<HTMLElement>): void;
    onDragEnd(): void;
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  };
  /** ' drop-before' / ' drop-after' on the tab a dragged tab would land next to. */
  dropClass(sessionId: string): string;
}

/** Reordering the tab bar's tabs (the order lives in the sessions store). */
export function useTabReorder(sessions: SessionsStore, listRef: RefObject<HTMLElement | null>): TabReorder {
  const [dragged, setDraggedState] = useState<string>();
  // Also in a ref: the first dragover can come before React has drawn the drag's start.
  const draggedRef = useRef<string | undefined>(undefined);
  const setDragged = (id: string | undefined) => {
    draggedRef.current = id;
    setDraggedState(id);
  };
  const [drop, setDrop] = useState<{ id: string; side: 'before' | 'after' }>();
  /** A tab moved from the keyboard keeps the focus, though React re-inserts its element. */
  const refocus = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const id = refocus.current;
    if (id === undefined) return;
    refocus.current = undefined;
    listRef.current?.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(id)}"]`)?.focus();
  });

  const indexOf = (id: string) => sessions.getState().tabs.findIndex((tab) => tab.sessionId === id);
  const sideOf = (event: DragEvent<HTMLElement>): 'before' | 'after' => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientX > box.left + box.width / 2 ? 'after' : 'before';
  };
  const end = () => {
    setDragged(undefined);
    setDrop(undefined);
  };

  return {
    props: (sessionId) => ({
      draggable: true,
      onDragStart(event) {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData(DRAG_TYPE, sessionId);
        setDragged(sessionId);
      },
      onDragOver(event) {
        if (draggedRef.current === undefined) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const side = sideOf(event);
        if (drop?.id !== sessionId || drop.side !== side) setDrop({ id: sessionId, side });
      },
      onDrop(event) {
        const moving = draggedRef.current;
        end();
        if (moving === undefined || moving === sessionId) return;
        event.preventDefault();
        const from = indexOf(moving);
        let to = indexOf(sessionId) + (sideOf(event) === 'after' ? 1 : 0);
        if (from < to) to -= 1; // the tab leaves its old place first
        sessions.getState().moveTab(moving, to);
      },
      onDragEnd: end,
      onKeyDown(event) {
        if (!event.altKey || event.ctrlKey || event.metaKey || event.target !== event.currentTarget) return;
        const step = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
        if (step === undefined) return;
        event.preventDefault();
        refocus.current = sessionId;
        sessions.getState().moveTab(sessionId, indexOf(sessionId) + step);
      },
    }),
    dropClass: (sessionId) => (drop?.id === sessionId && dragged !== sessionId ? ` drop-${drop.side}` : ''),
  };
}
