import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from './security';

describe('desktop shell security rules', () => {
  it('treats only app://gondola/ as the app', () => {
    expect(isAppUrl('app://gondola/index.html')).toBe(true);
    expect(isAppUrl('app://gondola/#/productos')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://gondola/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('trusts IPC only from the main frame showing the app', () => {
    expect(isTrustedSender({ url: 'app://gondola/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://gondola/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
