/**
 * Which renderer draws a console. xterm's default DOM renderer lays out every row it redraws,
 * which bounds the frames during a flood; the WebGL renderer draws rows from a glyph atlas on the
 * GPU and the canvas renderer with 2D canvas calls.
 */
export type RendererKind = 'webgl' | 'canvas' | 'dom';

export interface RendererPlan {
  /** Tried in this order; DOM (xterm's own) is what is left when no addon loads. */
  order: readonly RendererKind[];
  /**
   * Whether WebGL may run on a software rasterizer (SwiftShader, llvmpipe). By default it may not:
   * measured with `bench/compare-renderers.sh` in headless Chromium, WebGL on SwiftShader put the
   * last line of the 20 MiB stream on screen 3.5 times later than the DOM renderer did.
   */
  softwareWebgl: boolean;
}

/**
 * WebGL where the GPU draws it, else the DOM renderer. Canvas is not in the default: in software
 * it made frame gaps longer than DOM, and xterm.js 6 drops the canvas addon.
 */
export const DEFAULT_RENDERER_PLAN: RendererPlan = { order: ['webgl', 'dom'], softwareWebgl: false };

const KINDS: readonly RendererKind[] = ['webgl', 'canvas', 'dom'];

function isRendererKind(value: string): value is RendererKind {
  return (KINDS as readonly string[]).includes(value);
}

/**
 * The plan, from the page's query string. Only a page loaded for tests (`?test`) may pin a renderer
 * with `&renderer=webgl|canvas|dom` (the benchmarks compare them; a pinned WebGL runs in software
 * too, and falls back to canvas, then DOM); the app always uses the default.
 */
export function rendererPlan(search: string): RendererPlan {
  const params = new URLSearchParams(search);
  const wanted = params.get('renderer');
  if (!params.has('test') || wanted === null || !isRendererKind(wanted)) return DEFAULT_RENDERER_PLAN;
  return { order: KINDS.slice(KINDS.indexOf(wanted)), softwareWebgl: true };
}

/** Whether a WebGL renderer's name (WEBGL_debug_renderer_info) is a software rasterizer's. */
export function isSoftwareGl(rendererName: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(rendererName);
}
