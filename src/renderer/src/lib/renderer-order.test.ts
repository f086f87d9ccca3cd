import { describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_PLAN, isSoftwareGl, rendererPlan } from './renderer-order';

describe('rendererPlan', () => {
  it('tries WebGL on a GPU, then DOM, by default', () => {
    expect(rendererPlan('')).toEqual({ order: ['webgl', 'dom'], softwareWebgl: false });
    expect(rendererPlan('?test')).toBe(DEFAULT_RENDERER_PLAN);
  });

  it('lets a test page pin a renderer, falling back down WebGL, canvas, DOM', () => {
    expect(rendererPlan('?test&renderer=webgl')).toEqual({ order: ['webgl', 'canvas', 'dom'], softwareWebgl: true });
    expect(rendererPlan('?test&renderer=canvas')).toEqual({ order: ['canvas', 'dom'], softwareWebgl: true });
    expect(rendererPlan('?test&renderer=dom')).toEqual({ order: ['dom'], softwareWebgl: true });
  });

  it('ignores the pin outside test pages and unknown renderers', () => {
    expect(rendererPlan('?renderer=dom')).toBe(DEFAULT_RENDERER_PLAN);
    expect(rendererPlan('?test&renderer=vulkan')).toBe(DEFAULT_RENDERER_PLAN);
  });
});

describe('isSoftwareGl', () => {
  it('tells software rasterizers from GPUs', () => {
    expect(
      isSoftwareGl('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'),
    ).toBe(true);
    expect(isSoftwareGl('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareGl('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    expect(isSoftwareGl('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareGl('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe(false);
  });
});
