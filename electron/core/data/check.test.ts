import { describe, expect, it } from 'vitest';
import { addStudyHistory } from '../test-support/study-history';
import { openTestCore } from '../test-support/test-core';

const failing = (checks: Array<{ name: string; ok: boolean; count: number }>) =>
  Object.fromEntries(checks.filter((c) => !c.ok).map((c) => [c.name, c.count]));

describe('data.check', () => {
  it('finds nothing wrong with a healthy history, and changes nothing', async () => {
    const { core, clock } = await openTestCore('2026-02-20T12:00:00Z', 'Europe/Berlin');
    try {
      await addStudyHistory(core, clock);
      const report = await core.call('data.check', {});
      expect(report).toMatchObject({ ok: true, schema_version: expect.stringMatching(/^desktop\//) });
      expect(report.checks.map((c) => c.name)).toEqual(['database', 'migrations', 'ledger', 'open_sessions', 'outbox', 'orphan_activities']);
      expect(report.row_counts).toMatchObject({ study_sessions: 12, session_activities: 24 });
    } finally {
      await core.close();
    }
  });

  it('reports each broken invariant with how many rows break it', async () => {
    const { core, clock } = await openTestCore('2026-02-20T12:00:00Z', 'UTC');
    try {
      const { sessions } = await addStudyHistory(core, clock);
      await core.call('sessions.start', { start_time: '2026-02-15T04:00:00Z' }); // a live timer's session: fine
      await core.db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('app.applying_remote', 'on', true)`);
        // Two awards that no formula explains, a payload the outbox never saw, an activity under a deleted session.
        await tx.query(`INSERT INTO point_awards (user_id, reference_type, reference_id, delta, reason) VALUES ($1, 'session', $2, 7, 'bogus'), ($1, 'session', $3, 3, 'bogus')`, [core.userId, sessions[0], sessions[1]]);
        await tx.query(`UPDATE classes SET name = 'renamed behind the outbox' WHERE name = 'Biology'`);
        await tx.query(`UPDATE study_sessions SET deleted_at = now() WHERE id = $1`, [sessions[5]]);
        await tx.query(`UPDATE schema_migrations SET checksum = 'tampered' WHERE name = 'shared/0001_foundation.sql'`);
      });
      clock.set('2026-02-17T12:00:00Z'); // the running session is now older than any session can be
      const report = await core.call('data.check', {});
      expect(report.ok).toBe(false);
      expect(failing(report.checks)).toEqual({ migrations: 1, ledger: 3, open_sessions: 1, outbox: 2, orphan_activities: 2 });
      const ledger = report.checks.find((c) => c.name === 'ledger')!;
      expect(ledger.samples).toContainEqual(expect.stringMatching(new RegExp(`${sessions[0]}: awards sum to \\d+, the formula gives \\d+`)));
      expect(report.checks.find((c) => c.name === 'migrations')!.samples).toEqual(['shared/0001_foundation.sql: changed after it was applied (checksum mismatch)']);
    } finally {
      await core.close();
    }
  });
});
