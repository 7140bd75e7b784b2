/**
 * Security rules of the desktop shell, kept free of Electron calls so they can be
 * read (and tested) on their own.
 */

/** The renderer is served from this origin by a privileged custom protocol. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'gondola';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export { CONTENT_SECURITY_POLICY } from '../web-security';

/** True for a URL inside the app's own origin; anything else is never loaded in a window. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * An IPC message is trusted only from the main frame of one of our windows, showing
 * our origin: not from an iframe, not after a navigation elsewhere.
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}
