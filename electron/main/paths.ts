import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';

/** The first-run template: shipped in resources when packaged (read-only), else built on demand. */
export function templateDir(userData: string): string | undefined {
  if (!app.isPackaged) return undefined; // the core's default: <repo>/.template
  const shipped = join(process.resourcesPath, 'template');
  if (existsSync(shipped) && readdirSync(shipped).some((f) => f.endsWith('.tar.gz'))) return shipped;
  return join(userData, 'template');
}
