/**
 * What the test hook reports of a terminal, shared with the end-to-end tests. Kept free of DOM and
 * store imports, so the Node-side tests can import the types without the renderer's.
 */

/** The style of one terminal cell, as the end-to-end tests check it. */
export interface CellStyle {
  char: string;
  /** 'default', 'palette' (fg is a 0-255 index) or 'rgb' (fg is 0xRRGGBB). */
  fgMode: 'default' | 'palette' | 'rgb';
  fg: number;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strikethrough: boolean;
  dim: boolean;
  /** SGR 8, concealed. */
  invisible: boolean;
}

/** Terminal state that server text must never be able to change. */
export interface TerminalModes {
  buffer: 'normal' | 'alternate';
  mouseTracking: string;
  bracketedPaste: boolean;
  insertMode: boolean;
  applicationCursorKeys: boolean;
}
