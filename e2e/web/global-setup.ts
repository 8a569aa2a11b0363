import fs from 'node:fs';
import path from 'node:path';
import { seedDatasets } from './support/datasets';
import { ROOT } from './support/host';

/** Seeds the shared data dirs once; the returned function (global teardown) removes them. */
export default async function globalSetup(): Promise<() => void> {
  // Screenshots live outside Playwright's outputDir (which it cleans itself): start them afresh too.
  fs.rmSync(path.join(ROOT, 'test-results', 'screenshots'), { recursive: true, force: true });
  return seedDatasets();
}
