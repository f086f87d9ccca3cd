/**
 * The renderer's Content-Security-Policy. Scripts and styles come only from the app's own files;
 * nothing is fetched, framed or posted anywhere: RCON traffic goes through the main process.
 * `style-src 'unsafe-inline'` is needed by xterm.js, which injects <style> elements for its theme
 * and cell sizes. Every directive works in a <meta http-equiv> tag, so index.html can carry it
 * too (the main process also sends it as a header where there are headers, i.e. the dev server).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The policy while running from the Vite dev server: React Fast Refresh needs an inline
 * preamble script and hot reload needs a WebSocket to the dev server. Never used in a build.
 */
export function developmentContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl);
  const socket = `${origin.protocol === 'https:' ? 'wss' : 'ws'}://${origin.host}`;
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'none'",
    `connect-src 'self' ${socket}`,
  );
}
