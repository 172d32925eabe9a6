// The site's Content Security Policy, one definition for every response that carries one.
//
// Pages: scripts run only with this response's nonce ('strict-dynamic': a script the page's own
// nonce-bearing scripts load, such as Next's chunks, is trusted too; an injected inline script or
// handler is not). proxy.ts makes a fresh nonce for every page request and hands it to Next, which
// puts it on its own scripts. TensorFlow.js compiles WebAssembly ('wasm-unsafe-eval') and trains
// in Web Workers started from blob: URLs; the audio player plays blob:/data: media. Styles keep
// 'unsafe-inline' (React's style attributes, Next's font CSS): a nonce in style-src would switch
// that off. Sign-in forms may post on to an OAuth provider, which form-action must allow.

const FORM_ACTIONS = "'self' https://github.com https://accounts.google.com";

/** The policy of a page, with its request's nonce. `development` adds 'unsafe-eval' (React's dev tools). */
export function pagePolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    `form-action ${FORM_ACTIONS}`,
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** For responses that are data, never a document to render (the tRPC endpoint): nothing may load or run. */
export const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A nonce: 128 random bits, base64 (CSP's nonce-source grammar). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
