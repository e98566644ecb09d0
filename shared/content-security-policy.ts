/**
 * The page's Content-Security-Policy, written once: the app:// protocol's header, the loopback web
 * host's header and the <meta> tag the renderer build puts in index.html all come from here.
 * antd's CSS-in-JS injects <style> tags, hence 'unsafe-inline' for styles only; scripts stay 'self';
 * nothing is ever loaded from the network (the PCs are air-gapped).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // Vite may inline a tiny font as a data: URL; never a remote font.
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** As an HTTP header (app:// responses, the web host). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** As a <meta http-equiv> tag, where browsers ignore frame-ancestors (and warn about it). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

/** The placeholder in renderer/index.html that the build replaces with META_CONTENT_SECURITY_POLICY. */
export const CSP_PLACEHOLDER = '%RECTIFY_CSP%';
