/**
 * The built page's Content-Security-Policy meta tag must say exactly what src/shared/csp.ts says
 * (the build injects it; the main process sends the same policy as a header where there are headers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { ensureRendererBuilt, RENDERER_OUT, ROOT } from './harness';

function metaPolicy(html: string): string | undefined {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  // The build writes quotes in the attribute as entities; the browser reads them back as quotes.
  return match?.[1]?.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

describe('Content-Security-Policy', () => {
  it('the built index.html carries the policy of src/shared/csp.ts', () => {
    // The source page has none, so the dev server's relaxed header policy is the only one there.
    expect(metaPolicy(readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8'))).toBeUndefined();
    ensureRendererBuilt();
    const built = readFileSync(join(RENDERER_OUT, 'index.html'), 'utf8');
    expect(metaPolicy(built)).toBe(CONTENT_SECURITY_POLICY);
    // Nothing inline for the policy to forbid: scripts come from files only.
    expect(built).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  });

  it('forbids inline scripts, eval, remote code and framing of other content', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });
}, 180_000);
