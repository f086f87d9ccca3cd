import type { ButtonHTMLAttributes, ComponentType } from 'react';

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'aria-label' | 'children'> & {
  icon: ComponentType<{ size?: number }>;
  /** What the button does, for screen readers (aria-label). */
  label: string;
  iconSize?: number;
};

/** A button showing only an icon: the toolbars, tab bar, dialogs and banners all use this one. */
export function IconButton({ icon: Icon, label, iconSize = 14, className = 'icon-button', ...rest }: IconButtonProps) {
  return (
    <button type="button" className={className} aria-label={label} {...rest}>
      <Icon size={iconSize} />
    </button>
  );
}
