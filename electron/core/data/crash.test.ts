import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Core } from '../core';
import { ledgerMismatches, outboxMismatches } from '../test-support/invariants';
import { addStudyHistory } from '../test-support/study-history';
import { TestClock } from '../test-support/test-core';
import { verifyBackup } from './backup/backup';
import { backupFolderFor, readManifests } from './backup/manifest';

// A kill -9 at any point of a backup, a restore or an import leaves the old state or the new one,
// never a mix: each round kills a real core process at a random instant of the operation, then
// opens the data dir again and compares every table the student owns with both states.

const root = mkdtempSync(path.join(tmpdir(), 'study-desk-data-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const NOW = '2026-02-20T12:00:00.000Z';
const ROUNDS = 6;
const STUDENT_TABLES = ['users', 'settings', 'classes', 'assignments', 'study_sessions', 'session_activities', 'study_goals', 'goal_progress', 'achievements', 'point_awards'];

async function open(dataDir: string): Promise<Core> {
  return Core.open({ dataDir, clock: () => new Date(NOW), timeZone: 'Europe/Berlin', maintenance: false });
}

/**
 * md5 of the student's tables: what "the old state" and "the new state" mean. Without updated_at,
 * which triggers stamp from the wall clock (opening a profile may expire a goal, at whatever time).
 */
async function studentState(core: Core): Promise<string> {
  const parts: string[] = [];
  for (const t of STUDENT_TABLES) {
    const row = `(to_jsonb(x) - 'updated_at')::text`;
    const { rows } = await core.db.query<{ h: string }>(`SELECT count(*) || ':' || md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), '')) AS h FROM ${t} x`);
    parts.push(`${t}=${rows[0]!.h}`);
  }
  return parts.join(' ');
}

/** Which tables of `state` match neither expected state (for a failure message). */
function differences(state: string, ...expected: string[]): string {
  const tables = (x: string) => new Map(x.split(' ').map((p) => p.split('=') as [string, string]));
  const got = tables(state);
  const wanted = expected.map(tables);
  return [...got].filter(([t, h]) => !wanted.some((w) => w.get(t) === h)).map(([t, h]) => `${t}=${h}`).join(' ') || 'a mix of both states';
}

/** A user-data folder (data dir and backups) copied for one round. */
function copyProfile(from: string, round: string): string {
  const to = path.join(root, round);
  cpSync(path.dirname(from), to, { recursive: true });
  return path.join(to, 'pgdata');
}

/** Runs the operation in a core process and kills it `afterMs` after it opened; resolves once it is dead. */
function runAndKill(dataDir: string, op: string, arg: string, afterMs: number): Promise<{ acks: string[]; killed: boolean; tookMs: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../test-support/data-ops.ts'), dataDir, NOW, op, arg], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acks: string[] = [];
  let ready = 0;
  let tookMs = 0;
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') {
        ready = performance.now();
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      } else if (line.startsWith('ack')) {
        acks.push(line);
        tookMs ||= performance.now() - ready;
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve({ acks, killed: signal === 'SIGKILL', tookMs }) : reject(new Error(`core process exited with ${code}`))));
  });
}

/** After any crash: the dir opens, nothing of a swap is left beside it, every listed backup is whole, the invariants hold. */
async function reopenAndCheck(dataDir: string): Promise<string> {
  const core = await open(dataDir);
  try {
    const siblings = readdirSync(path.dirname(dataDir));
    expect(siblings.filter((f) => /restore-tmp|\.old-|swap\.json/.test(f))).toEqual([]);
    const folder = backupFolderFor(dataDir);
    for (const m of await readManifests(folder)) await verifyBackup(folder, m);
    expect(await ledgerMismatches(core.db)).toEqual([]);
    expect(await outboxMismatches(core.db)).toEqual([]);
    expect((await core.call('data.check', {})).ok).toBe(true);
    return await studentState(core);
  } finally {
    await core.close();
  }
}

let base: string; // a profile with history and a backup of an earlier state
let backupId: string;
let before: string; // the state the backup holds
let current: string; // the state the data dir holds
let importFile: string;
let imported: string; // the state after importing importFile into `current`
let restoreMs: number; // how long each operation takes here, so the kills land inside it
let importMs: number;

beforeAll(async () => {
  base = path.join(root, 'base', 'pgdata');
  const clock = new TestClock(NOW);
  const core = await Core.open({ dataDir: base, clock: clock.now, timeZone: 'Europe/Berlin', maintenance: false });
  await addStudyHistory(core, clock, '2026-02-02T08:00:00Z', 6);
  backupId = (await core.call('data.backup', {})).backup.backup_id;
  before = await studentState(core);
  await addStudyHistory(core, clock, '2026-02-09T08:00:00Z', 4);
  await core.close();
  current = await reopenAndCheck(base);

  const other = await Core.open({ dataDir: null, clock: clock.now, timeZone: 'UTC', maintenance: false });
  await addStudyHistory(other, clock, '2026-01-05T08:00:00Z', 8);
  importFile = path.join(root, 'other.json');
  await other.call('data.exportAll', { path: importFile });
  await other.close();
  const trial = copyProfile(base, 'import-trial');
  const done = await runAndKill(trial, 'import', importFile, 60_000);
  expect(done.acks[0]).toMatch(/^ack imported added/);
  importMs = done.tookMs;
  imported = await reopenAndCheck(trial);
  restoreMs = (await runAndKill(copyProfile(base, 'restore-trial'), 'restore', backupId, 60_000)).tookMs;
  expect(new Set([before, current, imported]).size).toBe(3);
}, 240_000);

describe('kill -9 at a random point', () => {
  it('of a backup leaves the database as it was and every listed backup whole', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = copyProfile(base, `backup-${round}`);
      const { acks } = await runAndKill(dataDir, 'backup', '', Math.random() * 2500);
      expect(await reopenAndCheck(dataDir)).toBe(current);
      const listed = (await readManifests(backupFolderFor(dataDir))).map((m) => m.backup_id);
      for (const ack of acks) expect(listed).toContain(ack.split(' ')[2]); // an acknowledged backup survives
    }
  }, 300_000);

  it('of a restore leaves the state before it or the restored one', async () => {
    const outcomes = { old: 0, restored: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = copyProfile(base, `restore-${round}`);
      const { acks } = await runAndKill(dataDir, 'restore', backupId, Math.random() * restoreMs * 1.1);
      const state = await reopenAndCheck(dataDir);
      expect([current, before], differences(state, current, before)).toContain(state);
      if (acks.length > 0) expect(state).toBe(before); // an acknowledged restore is never lost
      outcomes[state === before ? 'restored' : 'old']++;
      expect(existsSync(`${dataDir}.restore-tmp`)).toBe(false);
    }
    console.info(`restore killed within ${Math.round(restoreMs * 1.1)} ms:`, outcomes);
  }, 300_000);

  it('of an import leaves the state before it or the whole import', async () => {
    const outcomes = { old: 0, imported: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = copyProfile(base, `import-${round}`);
      const { acks } = await runAndKill(dataDir, 'import', importFile, Math.random() * importMs * 1.4);
      const state = await reopenAndCheck(dataDir);
      expect([current, imported], differences(state, current, imported)).toContain(state);
      if (acks.length > 0) expect(state).toBe(imported);
      outcomes[state === imported ? 'imported' : 'old']++;
    }
    console.info(`import killed within ${Math.round(importMs * 1.4)} ms:`, outcomes);
  }, 300_000);
});
