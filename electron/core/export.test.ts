import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from './core';
import { seedDemo } from './demo/seed';
import { openTestCore } from './test-support/test-core';

let core: Core;

beforeAll(async () => {
  ({ core } = await openTestCore('2026-03-20T12:00:00Z', 'America/New_York'));
});
afterAll(async () => core.close());

const parseCsv = (text: string) => parse(text, { columns: true, skip_empty_lines: false }) as Array<Record<string, string>>;

describe('session and activity exports', () => {
  it('writes local and UTC times with the offset of each session’s own zone', async () => {
    const calc = (await core.call('classes.create', { name: 'Calculus, "Honors"' })).class.id;
    const { session } = await core.call('sessions.createManual', {
      class_id: calc,
      start_time: '2026-03-08T01:30:00-05:00',
      end_time: '2026-03-08T05:00:00-04:00',
      paused_seconds: 90,
      mood_rating: 4,
      notes: 'chapter 3, "limits"\nthen a second line\r\nand a third, with commas',
    });
    await core.call('sessions.logActivity', { session_id: session.id, activity_type: 'testing', items_completed: 12, items_correct: 9, duration_minutes: 15 });

    const csv = await core.call('reports.export', { kind: 'sessions', start_date: '2026-03-07', end_date: '2026-03-07', format: 'csv' });
    expect(csv).toMatchObject({ file_name: 'study-desk-sessions-2026-03-07-to-2026-03-07.csv', mime_type: 'text/csv', row_count: 1 });
    expect(csv.content.split('\r\n')[0]).toBe(
      'session_id,study_date,class_name,start_local,end_local,start_utc,end_utc,utc_offset,time_zone,active_minutes,paused_minutes,session_type,focus_mode,location,mood_rating,productivity_rating,notes,points_earned,activities_count,source',
    );
    const [row] = parseCsv(csv.content);
    expect(row).toMatchObject({
      session_id: session.id,
      study_date: '2026-03-07',
      class_name: 'Calculus, "Honors"',
      start_local: '2026-03-08T01:30:00-05:00',
      end_local: '2026-03-08T05:00:00-04:00',
      start_utc: '2026-03-08T06:30:00.000Z',
      end_utc: '2026-03-08T09:00:00.000Z',
      utc_offset: '-05:00',
      time_zone: 'America/New_York',
      active_minutes: '148', // 150 wall minutes less 1.5 paused
      paused_minutes: '1.5',
      mood_rating: '4',
      productivity_rating: '',
      notes: 'chapter 3, "limits"\nthen a second line\r\nand a third, with commas',
      points_earned: '74',
      activities_count: '1',
    });

    const activities = await core.call('reports.export', { kind: 'activities', start_date: '2026-03-08', end_date: '2026-03-08', format: 'json' });
    const doc = JSON.parse(activities.content);
    expect(doc).toMatchObject({ format: 'study-desk-export', version: 1, kind: 'activities' });
    expect(doc.rows).toEqual([
      expect.objectContaining({ activity_type: 'testing', items_completed: 12, items_correct: 9, accuracy_percentage: 75, points_earned: 9, start_local: '2026-03-08T04:45:00-04:00', utc_offset: '-04:00' }),
    ]);
  });

  it('exports a report as the JSON its print view renders', async () => {
    const r = await core.call('reports.export', { kind: 'report', start_date: '2026-03-01', end_date: '2026-03-15', format: 'json' });
    const report = JSON.parse(r.content);
    expect(report.summary.total_study_minutes).toBe(148);
    expect(report.daily_breakdown).toHaveLength(15);
  });
});

describe('four years of sessions', () => {
  it('round-trip through a real CSV parser with no loss', async () => {
    const { core: big } = await openTestCore('2026-11-20T18:00:00Z', 'Europe/Berlin');
    try {
      await seedDemo(big, { years: 4, end: '2026-11-20T18:00:00Z' });
      const csv = await big.call('reports.export', { kind: 'sessions', start_date: '2022-11-01', end_date: '2026-11-20', format: 'csv' });
      const json = await big.call('reports.export', { kind: 'sessions', start_date: '2022-11-01', end_date: '2026-11-20', format: 'json' });
      const rows = parseCsv(csv.content);
      const expected = (JSON.parse(json.content) as { rows: Array<Record<string, unknown>> }).rows;
      expect(rows.length).toBeGreaterThan(5000);
      expect(rows.length).toBe(expected.length);
      const asCsvText = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      rows.forEach((row, i) => {
        const want = Object.fromEntries(Object.entries(expected[i]!).map(([k, v]) => [k, asCsvText(v)]));
        expect(row).toEqual(want);
      });
      expect(rows.some((r) => /[\n",]/.test(r.notes ?? ''))).toBe(true); // the demo writes awkward notes too
    } finally {
      await big.close();
    }
  }, 300_000);
});
