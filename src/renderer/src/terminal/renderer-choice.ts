import type { IDisposable, Terminal } from '@xterm/xterm';
import { WebglAddon } from '@xterm/addon-webgl';
import { CanvasAddon } from '@xterm/addon-canvas';
import { isSoftwareGl, type RendererKind, type RendererPlan } from '../lib/renderer-order';

let probedGl: { name: string | null } | undefined;

/**
 * The name of the GPU (or software rasterizer) a WebGL2 context here runs on, or null without
 * WebGL2. Asked once per page: each console would otherwise spend one of the page's few contexts.
 */
function webglRendererName(): string | null {
  if (probedGl) return probedGl.name;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const name = gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : null;
  gl?.getExtension('WEBGL_lose_context')?.loseContext(); // free the probe's context now
  probedGl = { name };
  return name;
}

/**
 * Loads the first renderer of the plan's order (lib/renderer-order.ts) that works into an opened terminal,
 * and falls back down the order should it fail later (a WebGL context lost: too many contexts in
 * one page, a GPU reset). `onChange` hears every renderer in use, the first one included. Neither
 * addon needs a worker, eval or a blob: URL, so the app's Content-Security-Policy (shared/csp.ts)
 * allows both as it is.
 */
export class RendererChoice implements IDisposable {
  private addon: (WebglAddon | CanvasAddon) | undefined;
  private lossListener: IDisposable | undefined;
  private current: RendererKind = 'dom';

  constructor(
    private readonly terminal: Terminal,
    private readonly plan: RendererPlan,
    private readonly onChange: (kind: RendererKind) => void,
  ) {
    this.loadFrom(0);
  }

  get kind(): RendererKind {
    return this.current;
  }

  private loadFrom(start: number): void {
    for (let index = start; index < this.plan.order.length; index += 1) {
      const kind = this.plan.order[index]!;
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
        const name = this.plan.softwareWebgl ? '' : webglRendererName();
        if (name === null || isSoftwareGl(name)) return false;
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
