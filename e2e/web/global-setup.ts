import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDatasets } from './support/datasets';
import { ROOT, STATIC_DIR } from './support/host';

/**
 * Seeds the shared data dirs once and snapshots the renderer build, so a rebuild of out/ while the
 * suite runs cannot pull a lazy chunk from under a page. The returned function (global teardown)
 * removes both.
 */
export default async function globalSetup(): Promise<() => void> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`no renderer build at ${STATIC_DIR}: run npm run build first (npm run e2e does)`);
  }
  const snapshot = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-e2e-renderer-'));
  fs.cpSync(STATIC_DIR, snapshot, { recursive: true });
  process.env.E2E_STATIC_DIR = snapshot;
  // Screenshots live outside Playwright's outputDir (which it cleans itself): start them afresh too.
  fs.rmSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true, force: true });
  const removeData = await seedDatasets();
  return () => {
    removeData();
    fs.rmSync(snapshot, { recursive: true, force: true });
  };
}
