import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CSP as WEB_CSP } from '../core/hosts/web';
import { appProtocolHandler, resolveAppPath } from './app-protocol';
import { CSP } from './csp';

const root = mkdtempSync(join(tmpdir(), 'sd-app-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Study Desk</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, '..', 'secret.txt'), 'secret');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, '..', 'secret.txt'), { force: true });
});

describe('resolveAppPath', () => {
  it('serves files under the root and index.html for the SPA routes', () => {
    expect(resolveAppPath(root, 'app://study-desk/assets/app.js')).toEqual({ file: join(root, 'assets', 'app.js') });
    expect(resolveAppPath(root, 'app://study-desk/')).toEqual({ file: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://study-desk/timer?x=1')).toEqual({ file: join(root, 'index.html') });
  });

  it.each([
    'app://study-desk/../secret.txt',
    'app://study-desk/%2e%2e/secret.txt',
    'app://study-desk/..%2fsecret.txt',
    'app://study-desk/assets/..%2f..%2fsecret.txt',
    'app://study-desk/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://study-desk/..%5csecret.txt',
    'app://study-desk/assets%5c..%5c..%5csecret.txt',
    'app://study-desk/index.html%00.js',
    'app://study-desk/%E0%A4%A',
    'app://evil/index.html',
    'app://study-desk.evil/index.html',
    'app://u:p@study-desk/index.html',
  ])('refuses %s', (url) => {
    const resolved = resolveAppPath(root, url);
    // Either refused, or (the URL parser already dropped the dot segments) a path inside the root.
    if ('file' in resolved) expect(resolved.file.startsWith(join(root, '/'))).toBe(true);
    else expect([400, 404]).toContain(resolved.status);
  });

  it("keeps the renderer's <meta> policy equal to the header but for frame-ancestors (a header-only directive)", () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    const directives = (policy: string) => policy.split(';').map((d) => d.trim()).filter(Boolean).sort();
    expect(directives(meta ?? '')).toEqual(directives(CSP).filter((d) => !d.startsWith('frame-ancestors')));
  });

  it('answers with the CSP header, and the same policy as the web host', async () => {
    const handle = appProtocolHandler(root);
    const page = await handle(new Request('app://study-desk/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('Study Desk');
    const missing = await handle(new Request('app://study-desk/assets/none.js'));
    expect(missing.status).toBe(404);
    const escape = await handle(new Request('app://study-desk/..%2fsecret.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('secret');
    expect((await handle(new Request('app://study-desk/', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect(CSP).toBe(WEB_CSP);
  });
});
