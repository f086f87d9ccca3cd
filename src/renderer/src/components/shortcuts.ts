/** The keyboard shortcuts, as the help dialog lists them. */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['Ctrl+T', 'Open a console for the selected server'],
  ['Ctrl+W', 'Close the current tab'],
  ['Ctrl+Tab / Ctrl+Shift+Tab', 'Next / previous tab'],
  ['Ctrl+L', 'Focus the command line'],
  ['Ctrl+F', 'Search the console output'],
  ['Enter', 'Send the command'],
  ['Up / Down', 'Walk the command history'],
  ['Ctrl+R', 'Search the history (again: older match)'],
  ['Esc', 'Cancel the history search / close the search bar / back to the command line from the output'],
  ['Ctrl+C', 'Copy the selected output'],
  ['Tab / Shift+Tab', 'Move between the output, the command line and the tools'],
];
