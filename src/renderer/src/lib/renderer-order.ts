/**
 * Which renderer draws a console. xterm's default DOM renderer lays out every row it redraws,
 * which bounds the frames during a flood; the WebGL renderer draws rows from a glyph atlas on the
 * GPU and the canvas renderer with 2D canvas calls.
 */
export type RendererKind = 'webgl' | 'canvas' | 'dom';

/** Tried in this order; DOM (xterm's own) is what is left when neither addon loads. */
export const DEFAULT_RENDERER_ORDER: readonly RendererKind[] = ['webgl', 'canvas', 'dom'];

function isRendererKind(value: string): value is RendererKind {
  return (DEFAULT_RENDERER_ORDER as readonly string[]).includes(value);
}

/**
 * The order to try, from the page's query string. Only a page loaded for tests (`?test`) may pin
 * one renderer with `&renderer=webgl|canvas|dom`, so the benchmarks can compare them (DOM stays the
 * last resort); the app always uses the default.
 */
export function rendererOrder(search: string): readonly RendererKind[] {
  const params = new URLSearchParams(search);
  const wanted = params.get('renderer');
  if (!params.has('test') || wanted === null || !isRendererKind(wanted)) return DEFAULT_RENDERER_ORDER;
  return wanted === 'dom' ? ['dom'] : [wanted, 'dom'];
}
