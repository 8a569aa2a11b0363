import type { BackupKind } from '../../../../shared/contract/data';
import { isoWeekOf, monthOf } from '../../../../shared/domain/calendar';
import { studyDay } from '../../../../shared/domain/study-day';

export interface RotationPolicy {
  /** The newest backup of each of the last N days, ISO weeks and months that have one. */
  daily: number;
  weekly: number;
  monthly: number;
  /** Everything younger than this stays: the undo points of a restore or import made today. */
  keepAllWithinMs: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12, keepAllWithinMs: 24 * 3_600_000 };

export interface Rotatable {
  backup_id: string;
  kind: BackupKind;
  created_at: string;
}

/**
 * Which backups rotation deletes (restic's keep-daily/weekly/monthly rule): walking from the
 * newest, each period keeps its newest backup until the policy's count of periods is reached.
 * Periods are calendar days in the student's zone. Manual backups are the student's own and
 * are never deleted automatically.
 */
export function backupsToPrune(backups: readonly Rotatable[], now: Date, timeZone: string, policy = DEFAULT_ROTATION): string[] {
  const candidates = backups
    .filter((b) => b.kind !== 'manual')
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
  const keep = new Set<string>();
  for (const b of candidates) {
    if (now.getTime() - Date.parse(b.created_at) < policy.keepAllWithinMs) keep.add(b.backup_id);
  }
  const periods: Array<[number, (day: string) => string]> = [
    [policy.daily, (day) => day],
    [policy.weekly, isoWeekOf],
    [policy.monthly, monthOf],
  ];
  for (const [count, periodOf] of periods) {
    const seen = new Set<string>();
    for (const b of candidates) {
      if (seen.size >= count) break;
      const period = periodOf(studyDay(b.created_at, timeZone, 0));
      if (seen.has(period)) continue;
      seen.add(period);
      keep.add(b.backup_id);
    }
  }
  return candidates.filter((b) => !keep.has(b.backup_id)).map((b) => b.backup_id);
}
