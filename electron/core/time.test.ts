import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from './core';
import { openTestCore, type TestClock } from './test-support/test-core';

let core: Core;
let clock: TestClock;

beforeAll(async () => {
  ({ core, clock } = await openTestCore('2026-11-20T12:00:00Z', 'America/New_York'));
});
afterAll(async () => core.close());

async function inZone(zone: string, start: string, end: string) {
  await core.call('settings.update', { time_zone: zone });
  const { session } = await core.call('sessions.createManual', { start_time: start, end_time: end });
  return session;
}

describe('sessions in real time zones', () => {
  it('lasts its true elapsed minutes over the US spring-forward night', async () => {
    // 01:00 EST (06:00Z) to 04:00 EDT (08:00Z): the clock shows 3 h, 2 h passed.
    const s = await inZone('America/New_York', '2026-03-08T01:00:00-05:00', '2026-03-08T04:00:00-04:00');
    expect(s).toMatchObject({ duration_minutes: 120, points_earned: 60, time_zone: 'America/New_York' });
    expect(s.study_date).toBe('2026-03-07'); // 01:00 is still the evening before (rollover 04:00)
  });

  it('lasts its true elapsed minutes over the US fall-back night', async () => {
    // 00:30 EDT (04:30Z) to 02:30 EST (07:30Z): the clock shows 2 h, 3 h passed.
    const s = await inZone('America/New_York', '2026-11-01T00:30:00-04:00', '2026-11-01T02:30:00-05:00');
    expect(s.duration_minutes).toBe(180);
    expect(s.study_date).toBe('2026-10-31');
  });

  it('puts a 23:00-01:30 session on its evening', async () => {
    const s = await inZone('Europe/Berlin', '2026-01-15T23:00:00+01:00', '2026-01-16T01:30:00+01:00');
    expect(s).toMatchObject({ duration_minutes: 150, study_date: '2026-01-15' });
  });

  it('lists a session across the 04:00 rollover on its start day', async () => {
    const s = await inZone('Europe/Berlin', '2026-01-20T03:00:00+01:00', '2026-01-20T05:00:00+01:00');
    expect(s.study_date).toBe('2026-01-19');
    const after = await inZone('Europe/Berlin', '2026-01-20T05:00:00+01:00', '2026-01-20T05:30:00+01:00');
    expect(after.study_date).toBe('2026-01-20');
  });

  it('uses the half-hour offset of Asia/Kolkata, not UTC dates', async () => {
    // 05:00 IST on 1 May is 23:30Z on 30 April.
    const s = await inZone('Asia/Kolkata', '2026-05-01T05:00:00+05:30', '2026-05-01T06:00:00+05:30');
    expect(s).toMatchObject({ study_date: '2026-05-01', duration_minutes: 60 });
    const late = await inZone('Asia/Kolkata', '2026-05-02T00:30:00+05:30', '2026-05-02T01:00:00+05:30');
    expect(late.study_date).toBe('2026-05-01');
  });

  it('follows the 30-minute DST change of Australia/Lord_Howe', async () => {
    // 5 April 2026: 02:00 LHDT (+11) becomes 01:30 LHST (+10:30). 01:00+11 -> 02:00+10:30 is 90 minutes.
    const s = await inZone('Australia/Lord_Howe', '2026-04-05T01:00:00+11:00', '2026-04-05T02:00:00+10:30');
    expect(s).toMatchObject({ duration_minutes: 90, study_date: '2026-04-04' });
  });

  it('keeps each session on the study day of its own zone after the student moves', async () => {
    const berlin = await inZone('Europe/Berlin', '2026-02-10T20:00:00+01:00', '2026-02-10T21:00:00+01:00');
    const ny = await inZone('America/New_York', '2026-02-12T20:00:00-05:00', '2026-02-12T21:00:00-05:00');
    expect([berlin.time_zone, berlin.study_date, ny.time_zone, ny.study_date]).toEqual([
      'Europe/Berlin', '2026-02-10', 'America/New_York', '2026-02-12',
    ]);
    const byDay = await core.call('sessions.list', { start_date: '2026-02-12', end_date: '2026-02-12' });
    expect(byDay.sessions.map((x) => x.id)).toEqual([ny.id]);
  });

  it('moves the study-day boundary with the rollover setting', async () => {
    await core.call('settings.update', { time_zone: 'UTC', day_rollover_hour: 0 });
    const { session } = await core.call('sessions.createManual', { start_time: '2026-06-01T01:00:00Z', end_time: '2026-06-01T02:00:00Z' });
    expect(session.study_date).toBe('2026-06-01');
    await core.call('settings.update', { day_rollover_hour: 4 });
    expect((await core.call('sessions.get', { session_id: session.id })).study_date).toBe('2026-05-31');
  });

  it('counts today in the current zone for points', async () => {
    clock.set('2026-11-20T12:00:00Z');
    await core.call('settings.update', { time_zone: 'Pacific/Auckland' }); // 01:00 on the 21st: before rollover
    expect((await core.call('points.summary', {})).today).toBe('2026-11-20');
  });
});
