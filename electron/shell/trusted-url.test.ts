import { describe, expect, it } from 'vitest';
import { isTrustedUrl, isVettedExternalUrl, trustedOrigin } from './trusted-url';

describe('isTrustedUrl', () => {
  const app = trustedOrigin(undefined);
  const dev = trustedOrigin('http://localhost:5173/');

  it('accepts the app origin and its paths', () => {
    expect(isTrustedUrl('app://study-desk/', app)).toBe(true);
    expect(isTrustedUrl('app://study-desk/index.html#/timer', app)).toBe(true);
  });

  it.each([
    'app://study-desk.evil.com/',
    'app://evil.com/study-desk/',
    'app://study-desk@evil.com/',
    'app://user:pass@study-desk/',
    'app://user@study-desk/',
    'app://study-desk:8080/',
    'app://studydesk/',
    'app://study-desk-evil/',
    'apps://study-desk/',
    'https://study-desk/',
    'file:///study-desk/index.html',
    'file:///etc/passwd',
    'http://localhost:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
    'not a url',
  ])('refuses %s for the packaged app', (url) => {
    expect(isTrustedUrl(url, app)).toBe(false);
  });

  it('accepts the dev server only on its own port, without credentials', () => {
    expect(isTrustedUrl('http://localhost:5173/#/goals', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedUrl('http://localhost/', dev)).toBe(false);
    expect(isTrustedUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isTrustedUrl('http://localhost.evil.com:5173/', dev)).toBe(false);
    expect(isTrustedUrl('http://a:b@localhost:5173/', dev)).toBe(false);
    expect(isTrustedUrl('http://evil.com@localhost:5173/', dev)).toBe(false);
    expect(isTrustedUrl('app://study-desk/', dev)).toBe(false);
  });

  it('refuses a dev server that is not plain http on this machine', () => {
    expect(() => trustedOrigin('http://evil.com:5173/')).toThrow(/localhost/);
    expect(() => trustedOrigin('file:///tmp/index.html')).toThrow();
    expect(() => trustedOrigin('http://u:p@localhost:5173/')).toThrow();
  });
});

describe('isVettedExternalUrl', () => {
  const hosts = new Set(['study.example.edu']);
  it('opens https links to the allowed hosts only', () => {
    expect(isVettedExternalUrl('https://study.example.edu/classes/1', hosts)).toBe(true);
    expect(isVettedExternalUrl('http://study.example.edu/', hosts)).toBe(false);
    expect(isVettedExternalUrl('https://study.example.edu:8443/', hosts)).toBe(false);
    expect(isVettedExternalUrl('https://study.example.edu.evil.com/', hosts)).toBe(false);
    expect(isVettedExternalUrl('https://evil.com@study.example.edu/', hosts)).toBe(false);
    expect(isVettedExternalUrl('https://study.example.edu@evil.com/', hosts)).toBe(false);
    expect(isVettedExternalUrl('file:///etc/passwd', hosts)).toBe(false);
    expect(isVettedExternalUrl('smb://study.example.edu/share', hosts)).toBe(false);
  });
});
