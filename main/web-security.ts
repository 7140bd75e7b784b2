/**
 * The Content Security Policy of the renderer, wherever it is served from: the
 * Electron custom protocol and the HTTP bridge send it as a header; the meta tag
 * of renderer/index.html carries the same policy minus `frame-ancestors`, which
 * browsers ignore in a meta tag. A test keeps them equal. Scripts and styles only
 * from our own files; no eval, no inline script, nothing remote.
 */
export const META_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export const CONTENT_SECURITY_POLICY = `${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
