import { useEffect, useRef, useState, type ComponentType, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  key: string;
  label: ReactNode;
  onSelect: () => void;
  disabled?: boolean;
  /** Marks the current choice (e.g. the active tab). */
  checked?: boolean;
  title?: string;
  testId?: string;
}

interface MenuButtonProps {
  icon: ComponentType<{ size?: number }>;
  /** What the button does, for screen readers (aria-label). */
  label: string;
  title?: string;
  items: readonly MenuItem[];
  className?: string;
  testId?: string;
}

/**
 * An icon button that opens a list of actions below it: arrow keys move, Enter chooses, Esc or a
 * click elsewhere closes it and gives the focus back to the button.
 */
export function MenuButton({ icon: Icon, label, title, items, className = 'tool-button', testId }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const root = rootRef.current;
    root?.querySelector<HTMLElement>('[role=menuitem]:not([disabled])')?.focus();
    const onPointer = (event: MouseEvent) => {
      if (root && !root.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onPointer, true);
    return () => window.removeEventListener('mousedown', onPointer, true);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const entries = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([disabled])') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? entries[0] : entries[entries.length - 1])?.focus();
    }
  };

  return (
    <div className="menu-root" ref={rootRef} onKeyDown={open ? onKeyDown : undefined}>
      <button
        ref={buttonRef}
        type="button"
        className={`${className}${open ? ' on' : ''}`}
        aria-label={label}
        title={title ?? label}
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid={testId}
        onClick={() => setOpen((was) => !was)}
      >
        <Icon size={14} />
      </button>
      {open && (
        <div className="menu" role="menu" aria-label={label}>
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              className={`menu-item${item.checked ? ' checked' : ''}`}
              disabled={item.disabled}
              title={item.title}
              data-testid={item.testId}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
