import { readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The app's version from its package.json, found by walking up from this module: the same code
 * runs from the source tree (tsx), from out/ (electron-vite) and from inside app.asar.
 */
export function appVersion(): string {
  if (cached !== undefined) return cached;
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'study-desk' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: keep walking up
    }
    if (path.dirname(dir) === dir) return (cached = '0.0.0');
  }
}
