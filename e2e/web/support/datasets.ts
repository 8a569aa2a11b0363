// Data dirs the tests copy: seeded once per run (global setup), never opened by a test itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from './host';

export type Dataset = 'empty' | 'recent';

const ENV_KEY = 'STUDY_DESK_E2E_DATASETS';

/**
 * "recent": the demo seed's last 18 days up to the real now (12 classes, ~100 sessions, goals),
 * so this week's report, the dashboard and the comparison have data the host computes live.
 */
export async function seedDatasets(): Promise<() => void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'study-desk-e2e-data-'));
  await cli(['--data-dir', path.join(root, 'recent'), 'demo', 'seed', '--years', '0.05']);
  process.env[ENV_KEY] = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}

/** The data dir to copy for a dataset; null: a first run from the app's template. */
export function datasetDir(dataset: Dataset): string | null {
  if (dataset === 'empty') return null;
  const root = process.env[ENV_KEY];
  if (!root) throw new Error(`${ENV_KEY} is not set: run the suite through playwright.config.ts (its global setup seeds the data)`);
  return path.join(root, dataset);
}
