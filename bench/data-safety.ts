/**
 * Data-safety budgets on the heavy dataset (DESIGN §9; issue "data safety"): a backup of the whole
 * database ≤ 2 s and a restore ≤ 3 s, each measured end to end through its channel on a copy of
 * the heavy data dir (the restore includes its safety backup of the state it replaces).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Core } from '../electron/core/core';
import { type BenchLine, summarize } from './stats';

const BACKUPS = 5;
const RESTORES = 3;

const measurement = (name: string, samples: number[], budget: number): BenchLine => summarize(name, samples, 'ms', budget);

async function timed(core: Core, channel: string, input: unknown): Promise<{ ms: number; data: unknown }> {
  const t0 = performance.now();
  const result = await core.invoke(channel, input);
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return { ms, data: result.data };
}

export async function benchDataSafety(heavyDataDir: string, emit: (m: BenchLine) => void): Promise<void> {
  // Beside the dataset, on the same disk: a tmpfs /tmp would flatter every number.
  const work = fs.mkdtempSync(path.join(path.dirname(path.resolve(heavyDataDir)), 'data-safety-'));
  const dataDir = path.join(work, 'pgdata');
  fs.cpSync(heavyDataDir, dataDir, { recursive: true });
  const core = await Core.open({ dataDir, maintenance: false });
  try {
    await timed(core, 'data.backup', {}); // warm-up: file cache, zlib
    const backups: number[] = [];
    let first = '';
    for (let i = 0; i < BACKUPS; i++) {
      const { ms, data } = await timed(core, 'data.backup', {});
      first ||= (data as { backup: { backup_id: string } }).backup.backup_id;
      backups.push(ms);
    }
    emit(measurement('data.backup.heavy', backups, 2000));

    const restores: number[] = [];
    for (let i = 0; i < RESTORES; i++) restores.push((await timed(core, 'data.restore', { backup_id: first })).ms);
    emit(measurement('data.restore.heavy', restores, 3000));
  } finally {
    await core.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
