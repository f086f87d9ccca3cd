import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * A minimal menu with the standard roles, so copy/paste, undo, zoom and quit have their usual
 * keyboard shortcuts on every platform. Developer tools only while developing.
 *
 * The stock File and Window menus are not used: their Close item takes Ctrl/Cmd+W, which closes a
 * console tab here, and the development Reload takes Ctrl+R, the console's history search.
 */
export function installAppMenu(options: { isMac: boolean; development: boolean }): void {
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    ...(options.isMac ? [] : [{ label: 'File', submenu: [{ role: 'quit' }] } satisfies MenuItemConstructorOptions]),
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(options.development
          ? ([
              { role: 'reload', accelerator: 'F5' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
