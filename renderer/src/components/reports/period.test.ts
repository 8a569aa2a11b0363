import { describe, expect, it } from 'vitest';
import { extensionFor, safeFileName } from './download';
import {
  hasNext, hasPrevious, periodFromQuery, periodLabel, periodOf, periodQuery, periodRange, shiftPeriod, switchKind,
} from './period';

const TODAY = '2026-11-24'; // a Tuesday in ISO week 2026-W48

describe('report periods from the route', () => {
  it('reads each kind with its own key', () => {
    expect(periodFromQuery({ kind: 'weekly', week: '2026-W10' }, TODAY)).toEqual({ kind: 'weekly', key: '2026-W10' });
    expect(periodFromQuery({ kind: 'daily', date: '2026-02-28' }, TODAY)).toEqual({ kind: 'daily', key: '2026-02-28' });
    expect(periodFromQuery({ kind: 'monthly', month: '2025-12' }, TODAY)).toEqual({ kind: 'monthly', key: '2025-12' });
  });

  it('falls back to the period holding today for a missing or malformed query', () => {
    expect(periodFromQuery({}, TODAY)).toEqual({ kind: 'weekly', key: '2026-W48' });
    expect(periodFromQuery({ kind: 'yearly' }, TODAY)).toEqual({ kind: 'weekly', key: '2026-W48' });
    expect(periodFromQuery({ kind: 'weekly', week: '2026-W54' }, TODAY)).toEqual({ kind: 'weekly', key: '2026-W48' });
    expect(periodFromQuery({ kind: 'daily', date: '2026-02-30' }, TODAY)).toEqual({ kind: 'daily', key: TODAY });
    expect(periodFromQuery({ kind: 'monthly', month: '2026-13' }, TODAY)).toEqual({ kind: 'monthly', key: '2026-11' });
    expect(periodFromQuery({ kind: 'monthly', month: '0001-01' }, TODAY)).toEqual({ kind: 'monthly', key: '2026-11' });
    // A key for another kind is ignored.
    expect(periodFromQuery({ kind: 'daily', week: '2026-W10' }, TODAY)).toEqual({ kind: 'daily', key: TODAY });
  });

  it('writes the query back in the same shape', () => {
    expect(periodQuery({ kind: 'weekly', key: '2026-W48' })).toEqual({ kind: 'weekly', week: '2026-W48' });
    expect(periodQuery({ kind: 'daily', key: TODAY })).toEqual({ kind: 'daily', date: TODAY });
    expect(periodQuery({ kind: 'monthly', key: '2026-11' })).toEqual({ kind: 'monthly', month: '2026-11' });
  });
});

describe('previous and next', () => {
  it('steps ISO weeks across a 53-week year', () => {
    expect(shiftPeriod({ kind: 'weekly', key: '2026-W53' }, 1)).toEqual({ kind: 'weekly', key: '2027-W01' });
    expect(shiftPeriod({ kind: 'weekly', key: '2027-W01' }, -1)).toEqual({ kind: 'weekly', key: '2026-W53' });
    expect(shiftPeriod({ kind: 'weekly', key: '2025-W01' }, -1)).toEqual({ kind: 'weekly', key: '2024-W52' });
  });

  it('steps months across the year end and days across month ends', () => {
    expect(shiftPeriod({ kind: 'monthly', key: '2026-12' }, 1)).toEqual({ kind: 'monthly', key: '2027-01' });
    expect(shiftPeriod({ kind: 'monthly', key: '2026-01' }, -1)).toEqual({ kind: 'monthly', key: '2025-12' });
    expect(shiftPeriod({ kind: 'monthly', key: '2026-03' }, -14)).toEqual({ kind: 'monthly', key: '2025-01' });
    expect(shiftPeriod({ kind: 'daily', key: '2024-02-28' }, 1)).toEqual({ kind: 'daily', key: '2024-02-29' });
    expect(shiftPeriod({ kind: 'daily', key: '2026-03-01' }, -1)).toEqual({ kind: 'daily', key: '2026-02-28' });
  });

  it('offers Next only up to the period holding today', () => {
    expect(hasNext(periodOf('weekly', TODAY), TODAY)).toBe(false);
    expect(hasNext({ kind: 'weekly', key: '2026-W47' }, TODAY)).toBe(true);
    expect(hasNext({ kind: 'daily', key: TODAY }, TODAY)).toBe(false);
    expect(hasNext({ kind: 'daily', key: '2026-11-23' }, TODAY)).toBe(true);
    expect(hasNext({ kind: 'monthly', key: '2026-11' }, TODAY)).toBe(false);
    expect(hasNext({ kind: 'monthly', key: '2026-12' }, TODAY)).toBe(false);
    expect(hasPrevious({ kind: 'monthly', key: '1900-01' })).toBe(false);
    expect(hasPrevious({ kind: 'monthly', key: '1900-02' })).toBe(true);
  });
});

describe('ranges, kinds and labels', () => {
  it('gives each period its first and last day', () => {
    expect(periodRange({ kind: 'weekly', key: '2026-W48' })).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(periodRange({ kind: 'weekly', key: '2027-W01' })).toEqual({ start: '2027-01-04', end: '2027-01-10' });
    expect(periodRange({ kind: 'monthly', key: '2024-02' })).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodRange({ kind: 'daily', key: TODAY })).toEqual({ start: TODAY, end: TODAY });
  });

  it('keeps the student where they were when the kind changes', () => {
    // The current week holds today: the daily report opens on today, not the Monday.
    expect(switchKind({ kind: 'weekly', key: '2026-W48' }, 'daily', TODAY)).toEqual({ kind: 'daily', key: TODAY });
    // A past week opens on its Monday.
    expect(switchKind({ kind: 'weekly', key: '2026-W10' }, 'daily', TODAY)).toEqual({ kind: 'daily', key: '2026-03-02' });
    // 2026-W01 starts on 2025-12-29: its month is December 2025.
    expect(switchKind({ kind: 'weekly', key: '2026-W01' }, 'monthly', TODAY)).toEqual({ kind: 'monthly', key: '2025-12' });
    expect(switchKind({ kind: 'monthly', key: '2026-03' }, 'weekly', TODAY)).toEqual({ kind: 'weekly', key: '2026-W09' });
    expect(switchKind({ kind: 'daily', key: '2026-03-08' }, 'weekly', TODAY)).toEqual({ kind: 'weekly', key: '2026-W10' });
  });

  it('labels periods for people', () => {
    expect(periodLabel({ kind: 'weekly', key: '2026-W48' }, 'en-GB')).toBe('Week 48, 2026 · 23 Nov – 29 Nov');
    expect(periodLabel({ kind: 'monthly', key: '2026-11' }, 'en-GB')).toBe('November 2026');
    // ICU versions differ on the comma after the weekday.
    expect(periodLabel({ kind: 'daily', key: TODAY }, 'en-GB')).toMatch(/^Tuesday,? 24 November 2026$/);
  });
});

describe('download file names', () => {
  it('keeps the core’s name and its extension', () => {
    expect(safeFileName('study-desk-sessions-2026-11-16-to-2026-11-22.csv', '.csv')).toBe('study-desk-sessions-2026-11-16-to-2026-11-22.csv');
    expect(safeFileName('report-2026-W48', 'json')).toBe('report-2026-W48.json');
  });

  it('removes separators, reserved and control characters', () => {
    expect(safeFileName('../../etc/passwd', '.csv')).toBe('etc-passwd.csv');
    expect(safeFileName('a:b*c?"d<e>f|g\u0000h.csv', '.csv')).toBe('a-b-c-d-e-f-g-h.csv');
    expect(safeFileName('C:\\Users\\x.json', '.json')).toBe('C-Users-x.json');
  });

  it('falls back when nothing is left and caps the length', () => {
    expect(safeFileName('...', '.csv')).toBe('study-desk-export.csv');
    expect(safeFileName('', '.json', 'report')).toBe('report.json');
    const long = safeFileName(`${'x'.repeat(300)}.csv`, '.csv');
    expect(long).toHaveLength(180);
    expect(long.endsWith('.csv')).toBe(true);
  });

  it('maps the core’s MIME types to extensions', () => {
    expect(extensionFor('text/csv; charset=utf-8')).toBe('.csv');
    expect(extensionFor('application/json')).toBe('.json');
    expect(extensionFor('application/octet-stream')).toBe('.txt');
  });
});
