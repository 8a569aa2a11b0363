import { describe, expect, it } from 'vitest';
import type { BackupKind } from '../../../../shared/contract/data';
import { backupsToPrune, DEFAULT_ROTATION, type Rotatable } from './rotation';

const NOW = new Date('2026-06-30T20:00:00Z');
const b = (id: string, created_at: string, kind: BackupKind = 'daily'): Rotatable => ({ backup_id: id, kind, created_at });

/** One daily backup at 02:00 UTC for each of the last `days` days. */
function dailies(days: number): Rotatable[] {
  return Array.from({ length: days }, (_, i) => {
    const t = new Date(Date.parse('2026-06-30T02:00:00Z') - i * 86_400_000).toISOString();
    return b(t.slice(0, 10), t);
  });
}

describe('backup rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly backups out of a year of dailies', () => {
    const all = dailies(400);
    const doomed = new Set(backupsToPrune(all, NOW, 'UTC'));
    const kept = all.filter((x) => !doomed.has(x.backup_id)).map((x) => x.backup_id);
    // The last 7 days; the newest of each of the 4 ISO weeks (Mon 29 Jun, 22, 15, 8);
    // the newest of each of the last 12 months.
    expect(kept).toEqual([
      '2026-06-30', '2026-06-29', '2026-06-28', '2026-06-27', '2026-06-26', '2026-06-25', '2026-06-24',
      '2026-06-21', '2026-06-14',
      '2026-05-31', '2026-04-30', '2026-03-31', '2026-02-28', '2026-01-31', '2025-12-31', '2025-11-30', '2025-10-31',
      '2025-09-30', '2025-08-31', '2025-07-31',
    ]);
  });

  it('keeps the newest backup of a day, in the student’s zone', () => {
    // 23:30 UTC on the 28th is already the 29th in Berlin: the same day as the 10:00 one.
    const all = [b('late', '2026-06-28T23:30:00Z'), b('morning', '2026-06-29T10:00:00Z'), b('older', '2026-06-27T10:00:00Z')];
    const policy = { ...DEFAULT_ROTATION, daily: 1, weekly: 0, monthly: 0, keepAllWithinMs: 0 };
    expect(backupsToPrune(all, NOW, 'Europe/Berlin', policy)).toEqual(['late', 'older']);
    expect(backupsToPrune(all, NOW, 'UTC', policy)).toEqual(['late', 'older']);
    expect(backupsToPrune(all, NOW, 'America/Los_Angeles', { ...policy, daily: 2 })).toEqual(['older']);
  });

  it('never deletes a manual backup, nor anything from the last day (the undo of a restore or import)', () => {
    const all = [
      b('manual-old', '2024-01-01T00:00:00Z', 'manual'),
      b('pre-restore', '2026-06-30T10:00:00Z', 'pre_restore'),
      b('pre-import', '2026-06-30T11:00:00Z', 'pre_import'),
      b('daily', '2026-06-30T12:00:00Z'),
      b('ancient', '2020-01-01T00:00:00Z', 'pre_migration'),
    ];
    expect(backupsToPrune(all, NOW, 'UTC', { daily: 1, weekly: 1, monthly: 1, keepAllWithinMs: 86_400_000 })).toEqual(['ancient']);
  });
});
