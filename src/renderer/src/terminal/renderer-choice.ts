import type { IDisposable, Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { CanvasAddon } from '@xterm/addon-canvas';

/**
 * Which renderer draws a console. xterm's default DOM renderer lays out every row it redraws,
 * which bounds the frames during a flood; the WebGL renderer draws rows from a glyph atlas on the
 * GPU and the canvas renderer with 2D canvas calls. Neither addon needs a worker, eval or a blob:
 * URL, so the app's Content-Security-Policy (shared/csp.ts) allows both as it is.
 */
export type RendererKind = 'webgl' | 'canvas' | 'dom';

/** Tried in this order; DOM (xterm's own) is what is left when neither addon loads. */
export const DEFAULT_RENDERER_ORDER: readonly RendererKind[] = ['webgl', 'canvas', 'dom'];

const KINDS: readonly RendererKind[] = ['webgl', 'canvas', 'dom'];

function isRendererKind(value: string): value is RendererKind {
  return (KINDS as readonly string[]).includes(value);
}

/**
 * The order to try. Only a page loaded for tests (`?test`) may pick one renderer with
 * `&renderer=webgl|canvas|dom`, so the benchmarks can compare them; the app always uses the default.
 */
export function rendererOrder(search: string = window.location.search): readonly RendererKind[] {
  const params = new URLSearchParams(search);
  const wanted = params.get('renderer');
  if (!params.has('test') || wanted === null || !isRendererKind(wanted)) return DEFAULT_RENDERER_ORDER;
  return wanted === 'dom' ? ['dom'] : [wanted, 'dom'];
}

/**
 * Loads the first renderer of `order` that works into an opened terminal, and falls back down the
 * order should it fail later (a WebGL context lost: too many contexts in one page, a GPU reset).
 * `onChange` hears every renderer in use, the first one included.
 */
export class RendererChoice implements IDisposable {
  private addon: (WebglAddon | CanvasAddon) | undefined;
  private lossListener: IDisposable | undefined;
  private current: RendererKind = 'dom';

  constructor(
    private readonly terminal: Terminal,
    private readonly order: readonly RendererKind[],
    private readonly onChange: (kind: RendererKind) => void,
  ) {
    this.loadFrom(0);
  }

  get kind(): RendererKind {
    return this.current;
  }

  private loadFrom(start: number): void {
    for (let index = start; index < this.order.length; index += 1) {
      const kind = this.order[index]!;
      if (kind === 'dom' || this.tryLoad(kind, index)) {
        this.current = kind;
        this.onChange(kind);
        return;
      }
    }
    this.current = 'dom';
    this.onChange('dom');
  }

  /** Loads one addon; false (the addon disposed) when the browser cannot run it. */
  private tryLoad(kind: 'webgl' | 'canvas', index: number): boolean {
    let addon: WebglAddon | CanvasAddon | undefined;
    try {
      if (kind === 'webgl') {
        const webgl = new WebglAddon();
        addon = webgl;
        this.terminal.loadAddon(webgl);
        this.lossListener = webgl.onContextLoss(() => this.fallBack(index));
      } else {
        addon = new CanvasAddon();
        this.terminal.loadAddon(addon);
      }
      this.addon = addon;
      return true;
    } catch {
      // No WebGL2 (or 2D canvas) here: xterm keeps its previous renderer; try the next one.
      this.disposeAddon(addon);
      return false;
    }
  }

  private fallBack(failedIndex: number): void {
    this.lossListener?.dispose();
    this.lossListener = undefined;
    this.disposeAddon(this.addon);
    this.addon = undefined;
    this.loadFrom(failedIndex + 1);
  }

  private disposeAddon(addon: IDisposable | undefined): void {
    try {
      addon?.dispose();
    } catch {
      // Disposing an addon whose activation failed half-way can throw; there is nothing left to free.
    }
  }

  dispose(): void {
    this.lossListener?.dispose();
    this.lossListener = undefined;
    this.disposeAddon(this.addon);
    this.addon = undefined;
  }
}
