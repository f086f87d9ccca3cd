import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  className?: string;
}

export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${error ? ' invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? messageId : undefined)}
      {error ? (
        <span id={messageId} className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && (
          <span id={messageId} className="field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
