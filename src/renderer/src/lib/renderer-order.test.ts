import { describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_ORDER, rendererOrder } from './renderer-order';

describe('rendererOrder', () => {
  it('tries WebGL, then canvas, then DOM by default', () => {
    expect(rendererOrder('')).toEqual(['webgl', 'canvas', 'dom']);
    expect(rendererOrder('?test')).toBe(DEFAULT_RENDERER_ORDER);
  });

  it('lets a test page pin one renderer, DOM staying the last resort', () => {
    expect(rendererOrder('?test&renderer=canvas')).toEqual(['canvas', 'dom']);
    expect(rendererOrder('?test&renderer=webgl')).toEqual(['webgl', 'dom']);
    expect(rendererOrder('?test&renderer=dom')).toEqual(['dom']);
  });

  it('ignores the pin outside test pages and unknown renderers', () => {
    expect(rendererOrder('?renderer=dom')).toBe(DEFAULT_RENDERER_ORDER);
    expect(rendererOrder('?test&renderer=vulkan')).toBe(DEFAULT_RENDERER_ORDER);
  });
});
