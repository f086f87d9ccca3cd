import { Terminal, type IDisposable, type IMarker } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon, type ISearchOptions } from '@xterm/addon-search';
import {
  OutputBatcher,
  DEFAULT_MAX_BATCH_CHARS,
  URGENT_BATCH_FACTOR,
  droppedOutputNotice,
} from '../lib/output-batcher';
import { EntryBacklog } from '../../../shared/entry-backlog';
import { countNewlines, OVERTAKEN_KEEP_CHARS, OVERTAKEN_KEEP_LINES } from '../../../shared/console-limits';
import { formatEntry, GUTTER_OSC, type OutputEntry } from '../lib/format';
import {
  DRAWN_BACKLOG_CHARS,
  DRAWN_BACKLOG_LINES,
  GUTTER_COLORS,
  SCROLLBACK_LINES,
  TERMINAL_FONT,
  TERMINAL_THEME,
} from './theme';
import { isCopyChord, leavesTerminal } from '../lib/terminal-keys';
import { RendererChoice } from './renderer-choice';
import { rendererPlan, type RendererKind } from '../lib/renderer-order';

/**
 * Output kept to redraw the console (timestamps switched on or off); bounded like the scrollback,
 * and in size: 4 Mi UTF-16 code units, 8 MiB at most.
 */
export const MAX_LOG_LINES = SCROLLBACK_LINES;
export const MAX_LOG_CHARS = 4 * 1024 * 1024;

const SEARCH_DECORATIONS: ISearchOptions['decorations'] = {
  matchBackground: '#515c6a',
  matchBorder: '#74879f',
  matchOverviewRuler: '#d18616',
  activeMatchBackground: '#a8731c',
  activeMatchBorder: '#e0a526',
  activeMatchColorOverviewRuler: '#e0a526',
};

/**
 * A console that is not shown (a background tab) writes one batch (about WRITE_BUDGET_MS of
 * parsing) per this many milliseconds instead of one per frame, and xterm draws nothing for it:
 * its parsing then leaves most of each frame to the tab in front, and its queue stays bounded like
 * the scrollback (EntryBacklog) until it is shown.
 */
export const BACKGROUND_WRITE_INTERVAL_MS = 50;
/**
 * The admin's own output (commands, answers, status) in a console not shown goes one batch per
 * this many milliseconds: xterm parses it without drawing, so the end of a long answer is in the
 * buffer, ready to show, about when it would have been drawn in the tab in front.
 */
export const BACKGROUND_URGENT_INTERVAL_MS = 16;

/**
 * An entry longer than this (UTF-16 code units) is formatted in slices of about this size, cut
 * after line ends: the end of a 20 MiB answer (640 KB) is never formatted in one task. A style a
 * response leaves open at a slice's end is reset there, as at the end of an entry.
 */
export const FORMAT_SLICE_CHARS = 64 * 1024;

/**
 * Formatting per turn (a frame, or a background tab's interval) stops after this many
 * milliseconds (performance.now()), and once this much formatted text waits for the terminal:
 * server output is formatted just before it is written, never the part a flood pushes out of the
 * scrollback unseen.
 */
export const FORMAT_BUDGET_MS = 6;
const FORMAT_AHEAD_CHARS = 2 * DEFAULT_MAX_BATCH_CHARS;
/** As far ahead for the slices of an answer, which go in bigger batches (URGENT_BATCH_FACTOR). */
const ANSWER_AHEAD_CHARS = 2 * URGENT_BATCH_FACTOR * DEFAULT_MAX_BATCH_CHARS;

/** Cuts text into slices of at most `max` characters, after a line end where there is one. */
export function lineSlices(text: string, max: number): string[] {
  const slices: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let end = text.lastIndexOf('\n', start + max - 1) + 1;
    if (end <= start) {
      end = start + max;
      const code = text.charCodeAt(end - 1);
      if (code >= 0xd800 && code <= 0xdbff) end -= 1; // keep a high surrogate with its low half
    }
    slices.push(text.slice(start, end));
    start = end;
  }
  slices.push(text.slice(start));
  return slices;
}

export interface SearchResults {
  index: number;
  count: number;
}

/** Keeps the last `maxLines` lines of a text. */
export function lastLines(text: string, maxLines: number): string {
  let at = text.length;
  for (let found = 0; found < maxLines; found += 1) {
    at = text.lastIndexOf('\n', at - 1);
    if (at < 0) return text;
  }
  return text.slice(at + 1);
}

/**
 * One session's console: an xterm.js terminal that lives as long as the tab (it is moved between
 * DOM hosts, never re-created), fed through an OutputBatcher so huge answers never block a frame.
 */
export class ConsoleTerminal {
  readonly element: HTMLDivElement;
  private readonly terminal: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly searchAddon = new SearchAddon({ highlightLimit: 1000 });
  private readonly batcher: OutputBatcher;
  private opened = false;
  private timestamps: boolean;
  private log: { entry: OutputEntry; lines: number }[] = [];
  private logLines = 0;
  private logChars = 0;
  private searchListeners = new Set<(results: SearchResults) => void>();
  private readonly writeListeners = new Set<(chunk: string) => void>();
  private visible = false;
  private readonly sizeObserver = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) this.visible = box.width > 0 && box.height > 0;
  });
  private readonly parserGuards: IDisposable[] = [];
  private readonly gutterMarkers = new Set<IMarker>();
  /** Slices of long urgent entries (answers) waiting to be formatted (FORMAT_SLICE_CHARS). */
  private formatQueue: OutputEntry[] = [];
  /** Server output waiting to be formatted, bounded like the scrollback. */
  private readonly backlog = new EntryBacklog<OutputEntry>(DRAWN_BACKLOG_LINES, DRAWN_BACKLOG_CHARS);
  private formatScheduled = false;
  private formatWaiters: (() => void)[] = [];
  private renderer: RendererChoice | undefined;

  constructor(
    readonly sessionId: string,
    options: { timestamps: boolean },
  ) {
    this.timestamps = options.timestamps;
    this.element = document.createElement('div');
    this.element.className = 'terminal-surface';
    this.element.dataset.sessionId = sessionId;
    this.sizeObserver.observe(this.element);
    this.terminal = new Terminal({
      allowProposedApi: true, // the search addon's decorations need it
      disableStdin: true,
      cursorBlink: false,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      scrollback: SCROLLBACK_LINES,
      fontFamily: TERMINAL_FONT,
      fontSize: 13,
      lineHeight: 1.2,
      theme: TERMINAL_THEME,
      convertEol: false,
      drawBoldTextInBrightColors: false,
      minimumContrastRatio: 1,
      smoothScrollDuration: 0,
      // No link is ever opened from console text: OSC 8 hyperlinks are not even parsed as links.
      linkHandler: null,
    });
    this.terminal.loadAddon(this.fitAddon);
    this.terminal.loadAddon(this.searchAddon);
    // Focus keys go to the page, and Ctrl+C with a selection to the console's copy (never to xterm as ^C).
    this.terminal.attachCustomKeyEventHandler(
      (event) => !leavesTerminal(event) && !(isCopyChord(event) && this.terminal.hasSelection()),
    );
    this.searchAddon.onDidChangeResults(({ resultIndex, resultCount }) => {
      for (const listener of this.searchListeners) listener({ index: resultIndex, count: resultCount });
    });
    this.batcher = new OutputBatcher(
      (chunk, done) => {
        const started = performance.now();
        this.terminal.write(chunk, () => {
          this.batcher.observe(chunk.length, performance.now() - started);
          for (const listener of this.writeListeners) listener(chunk);
          done();
        });
      },
      (callback, backlogOnly) => {
        this.nextTurn(callback, backlogOnly);
      },
      DEFAULT_MAX_BATCH_CHARS,
      DRAWN_BACKLOG_LINES,
      DRAWN_BACKLOG_CHARS,
    );
    this.guardParser();
  }

  /**
   * Server text reaches xterm sanitized (format.ts), so none of these sequences should arrive;
   * the handlers make sure that, should one slip through, it does nothing. The app's own gutter
   * mark is the one private OSC it handles.
   */
  private guardParser(): void {
    const parser = this.terminal.parser;
    const ignore = (): boolean => true;
    this.parserGuards.push(
      parser.registerOscHandler(GUTTER_OSC, (kind) => this.markGutter(kind)),
      // Clipboard, titles, hyperlinks, colours of the palette.
      ...[0, 1, 2, 4, 8, 10, 11, 12, 52, 104, 110, 111, 112].map((ident) => parser.registerOscHandler(ident, ignore)),
      // Modes (h l: alternate screen, mouse tracking, …), queries and their replies (c n t q), erases
      // (J K), cursor moves (A–H f d), margins (r), cursor save and restore (s u).
      ...[...'hlcntqJKABCDEFGHfdrsu'].flatMap((final) => [
        parser.registerCsiHandler({ final }, ignore),
        parser.registerCsiHandler({ prefix: '?', final }, ignore),
        parser.registerCsiHandler({ prefix: '>', final }, ignore),
      ]),
      parser.registerEscHandler({ final: 'c' }, ignore), // RIS
      parser.registerEscHandler({ final: '7' }, ignore),
      parser.registerEscHandler({ final: '8' }, ignore),
      parser.registerDcsHandler({ intermediates: '$', final: 'q' }, ignore),
    );
  }

  /** Draws the gutter decoration of an app line on the line the cursor is on. */
  private markGutter(kind: string): boolean {
    const marker = this.terminal.registerMarker(0);
    if (!marker) return true;
    const color = GUTTER_COLORS[kind] ?? GUTTER_COLORS['info']!;
    // A bar on the left edge of the first cell, drawn over the text layer and leaving the glyph visible.
    const decoration = this.terminal.registerDecoration({ marker, x: 0, width: 1, layer: 'top' });
    decoration?.onRender((element) => {
      element.classList.add('console-gutter-mark');
      element.style.boxShadow = `inset 3px 0 0 ${color}`;
      element.style.pointerEvents = 'none';
    });
    this.gutterMarkers.add(marker);
    marker.onDispose(() => this.gutterMarkers.delete(marker));
    return true;
  }

  /** Buffer lines that carry an app line's gutter mark, for the test hook. */
  gutterLines(): number[] {
    return [...this.gutterMarkers].filter((marker) => !marker.isDisposed).map((marker) => marker.line);
  }

  /** Shows the terminal inside `host` (opening xterm the first time) and fits it. */
  attach(host: HTMLElement): void {
    if (this.element.parentElement !== host) host.appendChild(this.element);
    if (!this.opened) {
      this.terminal.open(this.element);
      this.opened = true;
      // The addons need the opened terminal's element; data-renderer tells tests which one draws.
      this.renderer = new RendererChoice(this.terminal, rendererPlan(window.location.search), (kind) => {
        this.element.dataset.renderer = kind;
      });
    }
    this.fit();
  }

  /**
   * The next frame when shown, else a while later: BACKGROUND_URGENT_INTERVAL_MS, or for server
   * output alone (`serverOnly`) BACKGROUND_WRITE_INTERVAL_MS. `everyOtherFrame`: server output alone
   * is written every other frame, so during a flood xterm draws the screen half as often (its DOM
   * renderer lays out every row it redraws), and the frames stay short.
   */
  private nextTurn(callback: () => void, serverOnly = false, everyOtherFrame = serverOnly): void {
    if (!this.shown()) setTimeout(callback, serverOnly ? BACKGROUND_WRITE_INTERVAL_MS : BACKGROUND_URGENT_INTERVAL_MS);
    else if (everyOtherFrame) requestAnimationFrame(() => requestAnimationFrame(callback));
    else requestAnimationFrame(callback);
  }

  /**
   * In the document and laid out (a hidden tab's pane has no size). Told by a ResizeObserver: reading
   * clientWidth here forced a layout at every turn of a flood.
   */
  private shown(): boolean {
    return this.visible && this.element.isConnected;
  }

  detach(): void {
    this.element.remove();
  }

  fit(): void {
    if (!this.opened || this.element.clientWidth === 0 || this.element.clientHeight === 0) return;
    try {
      this.fitAddon.fit();
    } catch {
      // Not measurable yet (hidden); the next resize fits it.
    }
  }

  /**
   * Queues an entry for the terminal. Everything but unsolicited server output (the admin's
   * commands, their answers, status and error lines) goes in the batcher's urgent lane, ahead of
   * a server's flood.
   */
  append(entry: OutputEntry): void {
    this.remember(entry);
    if (entry.kind === 'server') {
      this.backlog.push(entry);
      this.formatSlices();
      return;
    }
    // It goes ahead of server output still waiting, of which only the newest part follows it.
    this.backlog.trim(OVERTAKEN_KEEP_LINES, OVERTAKEN_KEEP_CHARS);
    // A small entry skips the slices in line, unless it would pass one of them.
    if (entry.text.length <= FORMAT_SLICE_CHARS && this.formatQueue.length === 0) {
      this.batcher.push(formatEntry(entry, { timestamps: this.timestamps }), true);
      return;
    }
    for (const text of lineSlices(entry.text, FORMAT_SLICE_CHARS)) this.formatQueue.push({ ...entry, text });
    this.batcher.holdBacklog(true);
    this.formatSlices();
  }

  /** Server output the main process left out before what comes next: said in the console, in its place. */
  noteDropped(chars: number): void {
    this.backlog.addDropped(chars);
    this.formatSlices();
  }

  private formatSlices(): void {
    if (this.formatScheduled) return;
    if (this.formatQueue.length === 0 && this.backlog.empty) {
      for (const resolve of this.formatWaiters.splice(0)) resolve();
      return;
    }
    this.formatScheduled = true;
    this.nextTurn(
      () => {
        this.formatScheduled = false;
        this.formatSome();
        this.formatSlices();
      },
      this.formatQueue.length === 0,
      false,
    );
  }

  /** Formats answer slices first, then server output, within the turn's budget. */
  private formatSome(): void {
    const options = { timestamps: this.timestamps };
    const deadline = performance.now() + FORMAT_BUDGET_MS;
    do {
      const ahead = this.formatQueue.length > 0 ? ANSWER_AHEAD_CHARS : FORMAT_AHEAD_CHARS;
      if (this.batcher.pendingChars >= ahead) break;
      const slice = this.formatQueue.shift();
      if (slice) {
        this.batcher.push(formatEntry(slice, options), true);
        continue;
      }
      const dropped = this.backlog.takeDropped().chars;
      if (dropped > 0) this.batcher.push(droppedOutputNotice(dropped));
      const next = this.backlog.take(FORMAT_SLICE_CHARS);
      if (!next) break;
      this.batcher.push(formatEntry(next, options));
    } while (performance.now() < deadline);
    // No server output between two slices of an answer.
    this.batcher.holdBacklog(this.formatQueue.length > 0);
  }

  /** Switches timestamps and redraws the kept output with or without them. */
  setTimestamps(on: boolean): void {
    if (on === this.timestamps) return;
    this.timestamps = on;
    this.formatQueue = [];
    this.backlog.clear();
    this.batcher.holdBacklog(false);
    this.batcher.clear();
    this.terminal.reset();
    for (const { entry } of this.log) this.batcher.push(formatEntry(entry, { timestamps: on }));
  }

  clear(): void {
    this.log = [];
    this.logLines = 0;
    this.logChars = 0;
    this.formatQueue = [];
    this.backlog.clear();
    this.batcher.holdBacklog(false);
    this.batcher.clear();
    this.terminal.reset();
    this.searchAddon.clearDecorations();
  }

  /** The selected text, or '' when nothing is selected. */
  selection(): string {
    return this.terminal.getSelection();
  }

  hasSelection(): boolean {
    return this.terminal.hasSelection();
  }

  /** The whole buffer (scrollback and screen) as plain text, trailing blank lines removed. */
  text(): string {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y += 1) {
      const line = buffer.getLine(y);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** The renderer drawing this console, or undefined before it is first shown. */
  get rendererKind(): RendererKind | undefined {
    return this.renderer?.kind;
  }

  /** The xterm instance, for the test hook (cell colours) only. */
  get xterm(): Terminal {
    return this.terminal;
  }

  findNext(query: string, incremental = false): boolean {
    if (query === '') {
      this.clearSearch();
      return false;
    }
    return this.searchAddon.findNext(query, { decorations: SEARCH_DECORATIONS, incremental });
  }

  findPrevious(query: string): boolean {
    if (query === '') return false;
    return this.searchAddon.findPrevious(query, { decorations: SEARCH_DECORATIONS });
  }

  clearSearch(): void {
    this.searchAddon.clearDecorations();
    this.terminal.clearSelection();
  }

  /** Called with each chunk once xterm has parsed it into the buffer (for the test hook). */
  onWritten(listener: (chunk: string) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  onSearchResults(listener: (results: SearchResults) => void): () => void {
    this.searchListeners.add(listener);
    return () => this.searchListeners.delete(listener);
  }

  scrollToBottom(): void {
    this.terminal.scrollToBottom();
  }

  /** Resolves once all output received so far is in the terminal buffer. */
  async whenIdle(): Promise<void> {
    while (this.formatQueue.length > 0 || !this.backlog.empty || this.formatScheduled) {
      await new Promise<void>((resolve) => this.formatWaiters.push(resolve));
    }
    return this.batcher.whenIdle();
  }

  dispose(): void {
    for (const guard of this.parserGuards.splice(0)) guard.dispose();
    this.formatQueue = [];
    this.backlog.clear();
    this.batcher.dispose();
    for (const resolve of this.formatWaiters.splice(0)) resolve();
    this.searchListeners.clear();
    this.writeListeners.clear();
    this.sizeObserver.disconnect();
    this.renderer?.dispose();
    this.terminal.dispose();
    this.element.remove();
  }

  private remember(entry: OutputEntry): void {
    let kept = entry;
    let lines = countNewlines(entry.text) + 1;
    if (lines > MAX_LOG_LINES) {
      kept = { ...entry, text: lastLines(entry.text, MAX_LOG_LINES) };
      lines = MAX_LOG_LINES;
    }
    if (kept.text.length > MAX_LOG_CHARS) kept = { ...kept, text: kept.text.slice(-MAX_LOG_CHARS) };
    this.log.push({ entry: kept, lines });
    this.logLines += lines;
    this.logChars += kept.text.length;
    while (this.log.length > 1 && (this.logLines > MAX_LOG_LINES || this.logChars > MAX_LOG_CHARS)) {
      const dropped = this.log.shift()!;
      this.logLines -= dropped.lines;
      this.logChars -= dropped.entry.text.length;
    }
  }
}
