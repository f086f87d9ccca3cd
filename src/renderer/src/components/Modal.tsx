import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseIcon } from './icons';
import { IconButton } from './IconButton';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
  /** Extra class on the dialog box. */
  className?: string;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls of `root` that Tab can reach, in order. */
function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && element.getClientRects().length > 0,
  );
}

/**
 * A modal dialog: Escape or the close button dismisses it; the first field gets the focus, and
 * Tab and Shift+Tab keep it inside the dialog.
 */
export function Modal({ title, onClose, children, footer, width = 480, className }: ModalProps) {
  const titleId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);

  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const box = boxRef.current;
    const first =
      box?.querySelector<HTMLElement>('[data-autofocus]') ??
      box?.querySelector<HTMLElement>('input, select, textarea, button.primary');
    first?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onCloseRef.current();
      } else if (event.key === 'Tab' && box) {
        // The focus stays in the dialog: Tab from the last control wraps to the first, and back.
        const controls = focusableIn(box);
        if (controls.length === 0) return;
        const at = controls.indexOf(document.activeElement as HTMLElement);
        const wrapTo = event.shiftKey
          ? at <= 0
            ? controls[controls.length - 1]
            : undefined
          : at === -1 || at === controls.length - 1
            ? controls[0]
            : undefined;
        if (wrapTo) {
          event.preventDefault();
          wrapTo.focus();
        }
      }
    };
    // Focus that lands behind the dialog (a click on the backdrop, a script) comes back into it.
    const onFocusIn = (event: FocusEvent) => {
      if (box && event.target instanceof Node && !box.contains(event.target)) focusableIn(box)[0]?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocusIn);
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={boxRef}
        className={`modal ${className ?? ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        style={{ width }}
      >
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <IconButton icon={CloseIcon} iconSize={16} onClick={onClose} label="Close" title="Close (Esc)" />
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>
  );
}
