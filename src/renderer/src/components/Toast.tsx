import { useEffect } from 'react';
import { useStores, useUi } from '../stores/context';
import { CloseIcon } from './icons';
import { IconButton } from './IconButton';

const TOAST_MS = 4000;

export function Toast() {
  const stores = useStores();
  const toast = useUi((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(
      () => stores.ui.getState().dismissToast(toast.id),
      toast.tone === 'error' || toast.action ? 8000 : TOAST_MS,
    );
    return () => clearTimeout(timer);
  }, [toast, stores]);
  if (!toast) return null;
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="toast">
      <span>{toast.text}</span>
      {toast.action && (
        <button
          type="button"
          className="button small toast-action"
          data-testid="toast-action"
          onClick={() => {
            stores.ui.getState().dismissToast(toast.id);
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <IconButton
        icon={CloseIcon}
        iconSize={12}
        label="Dismiss"
        onClick={() => stores.ui.getState().dismissToast(toast.id)}
      />
    </div>
  );
}
