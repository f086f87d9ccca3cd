import type { ReactElement, SVGProps } from 'react';

/** Small stroke icons (16×16, currentColor), drawn inline so the CSP needs no image sources. */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

function icon(paths: ReactElement, name: string) {
  function Icon({ size = 16, ...rest }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = name;
  return Icon;
}

export const UsersIcon = icon(
  <path d="M6 7.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5zM1.5 13.5c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4M11 2.7a2.5 2.5 0 010 4.6M12.5 9.8c1.2.5 2 1.7 2 3.7" />,
  'UsersIcon',
);
export const PlusIcon = icon(<path d="M8 3v10M3 8h10" />, 'PlusIcon');
export const PencilIcon = icon(<path d="M10.5 2.5l3 3L6 13H3v-3l7.5-7.5z" />, 'PencilIcon');
export const DuplicateIcon = icon(
  <>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
    <path d="M10.5 3.5V3a.5.5 0 0 0-.5-.5H3a.5.5 0 0 0-.5.5v7a.5.5 0 0 0 .5.5h.5" />
  </>,
  'DuplicateIcon',
);
export const TrashIcon = icon(
  <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v4.5M9.5 6.5v4.5" />,
  'TrashIcon',
);
export const ArrowUpIcon = icon(<path d="M8 13V3M4 7l4-4 4 4" />, 'ArrowUpIcon');
export const ArrowDownIcon = icon(<path d="M8 3v10M4 9l4 4 4-4" />, 'ArrowDownIcon');
export const PlayIcon = icon(<path d="M5 3l8 5-8 5V3z" />, 'PlayIcon');
export const CloseIcon = icon(<path d="M4 4l8 8M12 4l-8 8" />, 'CloseIcon');
export const SearchIcon = icon(
  <>
    <circle cx="7" cy="7" r="4.5" />
    <path d="M10.5 10.5L14 14" />
  </>,
  'SearchIcon',
);
export const ClockIcon = icon(
  <>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 4.5V8l2.5 1.5" />
  </>,
  'ClockIcon',
);
export const ClipboardIcon = icon(
  <>
    <rect x="3.5" y="3" width="9" height="11" rx="1.5" />
    <path d="M6 3V2h4v1M6 7h4M6 10h4" />
  </>,
  'ClipboardIcon',
);
export const EraserIcon = icon(<path d="M9 3l4 4-6 6H4l-2-2 7-8zM6 6l4 4M8 13h6" />, 'EraserIcon');
export const RefreshIcon = icon(
  <path d="M13 3v3.5H9.5M3 13V9.5h3.5M12.5 6.5A5 5 0 0 0 4 4.5M3.5 9.5A5 5 0 0 0 12 11.5" />,
  'RefreshIcon',
);
export const KeyboardIcon = icon(
  <>
    <rect x="1.5" y="4" width="13" height="8" rx="1.5" />
    <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" />
  </>,
  'KeyboardIcon',
);
export const ChevronUpIcon = icon(<path d="M4 10l4-4 4 4" />, 'ChevronUpIcon');
export const ChevronDownIcon = icon(<path d="M4 6l4 4 4-4" />, 'ChevronDownIcon');
export const WarningIcon = icon(<path d="M8 2l6.5 11.5h-13L8 2zM8 6.5v3M8 11.5h.01" />, 'WarningIcon');
export const LockIcon = icon(
  <>
    <rect x="3" y="7" width="10" height="7" rx="1.5" />
    <path d="M5 7V5a3 3 0 0 1 6 0v2" />
  </>,
  'LockIcon',
);
export const ServerIcon = icon(
  <>
    <rect x="2" y="2.5" width="12" height="4.5" rx="1" />
    <rect x="2" y="9" width="12" height="4.5" rx="1" />
    <path d="M4.5 4.75h.01M4.5 11.25h.01" />
  </>,
  'ServerIcon',
);
export const TerminalIcon = icon(
  <>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <path d="M4.5 6l2 2-2 2M8.5 10.5h3" />
  </>,
  'TerminalIcon',
);
export const MoreIcon = icon(<path d="M3.5 8h.01M8 8h.01M12.5 8h.01" strokeWidth={2.2} />, 'MoreIcon');
export const SaveIcon = icon(<path d="M8 2.5v7.5M5 7l3 3 3-3M3 11.5v2h10v-2" />, 'SaveIcon');
export const SidebarIcon = icon(
  <>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M6 2.5v11" />
  </>,
  'SidebarIcon',
);
