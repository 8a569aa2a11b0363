import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { incomingPath, journalPath, recoverSwap, type SwapStep, swapDataDir } from './swap';

const root = mkdtempSync(path.join(tmpdir(), 'study-desk-swap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function dirWith(dir: string, content: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'PG_VERSION'), content);
}

describe('swapping in a restored data dir', () => {
  it.each<SwapStep>(['journal', 'outgoing', 'incoming', 'cleanup'])('finishes on the next open after a crash at step "%s"', async (step) => {
    const dataDir = path.join(root, step, 'pgdata');
    dirWith(dataDir, 'old');
    dirWith(incomingPath(dataDir), 'new');
    await expect(swapDataDir(dataDir, incomingPath(dataDir), { crashAt: step })).rejects.toThrow(/crash/);
    expect(await recoverSwap(dataDir)).toBe(true);
    expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(dataDir)).sort()).toEqual(['pgdata']);
  });

  it('throws away a preparation that never got its journal: the old dir stays', async () => {
    const dataDir = path.join(root, 'unprepared', 'pgdata');
    dirWith(dataDir, 'old');
    dirWith(incomingPath(dataDir), 'half');
    expect(await recoverSwap(dataDir)).toBe(false);
    expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8')).toBe('old');
    expect(existsSync(incomingPath(dataDir))).toBe(false);
    expect(existsSync(journalPath(dataDir))).toBe(false);
  });

  it('puts the new dir in place when the old one is gone altogether', async () => {
    const dataDir = path.join(root, 'gone', 'pgdata');
    dirWith(incomingPath(dataDir), 'new');
    await swapDataDir(dataDir, incomingPath(dataDir));
    expect(readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8')).toBe('new');
  });
});
