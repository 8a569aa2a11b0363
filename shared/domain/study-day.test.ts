import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import { isValidTimeZone, splitByStudyDay, studyDay, studyDayBounds, studyDayWindow } from './study-day';

const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const KOLKATA = 'Asia/Kolkata';
const LORD_HOWE = 'Australia/Lord_Howe';

const hoursOf = ({ start, end }: { start: string; end: string }) => (Date.parse(end) - Date.parse(start)) / 3_600_000;

describe('isValidTimeZone', () => {
  it.each([NY, BERLIN, KOLKATA, LORD_HOWE, 'UTC', 'Antarctica/Troll'])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });

  it.each(['Mars/Olympus_Mons', '', 'GMT+5', '+05:30', '-04:00'])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});

describe('studyDay', () => {
  it('keeps 23:00 and 01:30 of one night on the evening’s study day (default rollover 4)', () => {
    expect(studyDay('2026-03-07T23:00:00-05:00', NY, 4)).toBe('2026-03-07');
    expect(studyDay('2026-03-08T01:30:00-05:00', NY, 4)).toBe('2026-03-07');
  });

  it('starts the next study day at the rollover hour', () => {
    expect(studyDay('2026-03-08T03:59:59.999-04:00', NY, 4)).toBe('2026-03-07');
    expect(studyDay('2026-03-08T04:00:00-04:00', NY, 4)).toBe('2026-03-08');
  });

  it('uses plain midnight with rollover 0', () => {
    expect(studyDay('2026-03-07T23:59:59-05:00', NY, 0)).toBe('2026-03-07');
    expect(studyDay('2026-03-08T00:00:00-05:00', NY, 0)).toBe('2026-03-08');
  });

  it('reads the instant in the session’s zone, whatever offset it was written with', () => {
    // 02:00Z is 22:00 the evening before in New York, 04:00 in Berlin, 07:30 in Kolkata.
    expect(studyDay('2026-06-15T02:00:00Z', NY, 4)).toBe('2026-06-14');
    expect(studyDay('2026-06-15T02:00:00Z', BERLIN, 4)).toBe('2026-06-15');
    expect(studyDay('2026-06-15T07:30:00+05:30', BERLIN, 4)).toBe('2026-06-15');
    expect(studyDay('2026-06-15T02:00:00Z', KOLKATA, 4)).toBe('2026-06-15');
    expect(studyDay('2026-06-14T22:29:59Z', KOLKATA, 4)).toBe('2026-06-14'); // 03:59:59 IST
  });

  it('counts both passes of the repeated hour on the fall-back night', () => {
    // 01:00–02:00 happens twice on 2026-11-01 in New York; with rollover 1 both belong to 11-01.
    expect(studyDay('2026-11-01T00:59:59-04:00', NY, 1)).toBe('2026-10-31');
    expect(studyDay('2026-11-01T01:30:00-04:00', NY, 1)).toBe('2026-11-01');
    expect(studyDay('2026-11-01T01:30:00-05:00', NY, 1)).toBe('2026-11-01');
  });

  it('does not step back a day when a 2-hour fall-back crosses the rollover (Antarctica/Troll)', () => {
    // 2026-10-25 01:00Z: Troll goes from 03:00 +02 back to 01:00 +00. 01:30Z reads 01:30 locally,
    // before the 02:00 rollover, yet the study day 10-25 already began at 02:00 +02 (00:00Z).
    expect(studyDay('2026-10-25T00:30:00Z', 'Antarctica/Troll', 2)).toBe('2026-10-25');
    expect(studyDay('2026-10-25T01:30:00Z', 'Antarctica/Troll', 2)).toBe('2026-10-25');
  });

  it('rejects bad input', () => {
    expect(() => studyDay('2026-03-08T01:30:00', NY, 4)).toThrow(RangeError); // no offset
    expect(() => studyDay('2026-03-08', NY, 4)).toThrow(RangeError);
    expect(() => studyDay('yesterday', NY, 4)).toThrow(RangeError);
    expect(() => studyDay('2026-03-08T01:30:00Z', 'Nowhere/City', 4)).toThrow(RangeError);
    expect(() => studyDay('2026-03-08T01:30:00Z', NY, 24)).toThrow(RangeError);
    expect(() => studyDay('2026-03-08T01:30:00Z', NY, -1)).toThrow(RangeError);
    expect(() => studyDay('2026-03-08T01:30:00Z', NY, 1.5)).toThrow(RangeError);
  });
});

describe('studyDayBounds', () => {
  describe('America/New_York (spring forward 2026-03-08, fall back 2026-11-01)', () => {
    it('makes the study day holding the spring-forward night 23 hours long', () => {
      // 2026-03-07 04:00 EST → 2026-03-08 04:00 EDT
      const bounds = studyDayBounds('2026-03-07', NY, 4);
      expect(bounds).toEqual({ start: '2026-03-07T09:00:00.000Z', end: '2026-03-08T08:00:00.000Z' });
      expect(hoursOf(bounds)).toBe(23);
      expect(hoursOf(studyDayBounds('2026-03-08', NY, 4))).toBe(24);
    });

    it('makes the study day holding the fall-back night 25 hours long', () => {
      // 2026-10-31 04:00 EDT → 2026-11-01 04:00 EST
      const bounds = studyDayBounds('2026-10-31', NY, 4);
      expect(bounds).toEqual({ start: '2026-10-31T08:00:00.000Z', end: '2026-11-01T09:00:00.000Z' });
      expect(hoursOf(bounds)).toBe(25);
      expect(hoursOf(studyDayBounds('2026-11-01', NY, 4))).toBe(24);
    });

    it('with midnight rollover, the change days themselves are 23 h and 25 h', () => {
      expect(studyDayBounds('2026-03-08', NY, 0)).toEqual({
        start: '2026-03-08T05:00:00.000Z',
        end: '2026-03-09T04:00:00.000Z',
      });
      expect(studyDayBounds('2026-11-01', NY, 0)).toEqual({
        start: '2026-11-01T04:00:00.000Z',
        end: '2026-11-02T05:00:00.000Z',
      });
    });

    it('starts at the end of the gap when the rollover time does not exist', () => {
      // 02:00 on 2026-03-08 is skipped: the day starts at 03:00 EDT.
      expect(studyDayBounds('2026-03-08', NY, 2)).toEqual({
        start: '2026-03-08T07:00:00.000Z',
        end: '2026-03-09T06:00:00.000Z',
      });
      expect(studyDayBounds('2026-03-07', NY, 2).end).toBe('2026-03-08T07:00:00.000Z');
    });

    it('starts at the first occurrence when the rollover time happens twice', () => {
      // 01:00 on 2026-11-01 happens at 05:00Z (EDT) and again at 06:00Z (EST).
      expect(studyDayBounds('2026-11-01', NY, 1)).toEqual({
        start: '2026-11-01T05:00:00.000Z',
        end: '2026-11-02T06:00:00.000Z',
      });
    });
  });

  describe('Europe/Berlin (spring forward 2026-03-29, fall back 2026-10-25)', () => {
    it('has a 23-hour and a 25-hour study day with rollover 4', () => {
      // 03-28 04:00 CET → 03-29 04:00 CEST; 10-24 04:00 CEST → 10-25 04:00 CET
      expect(studyDayBounds('2026-03-28', BERLIN, 4)).toEqual({
        start: '2026-03-28T03:00:00.000Z',
        end: '2026-03-29T02:00:00.000Z',
      });
      expect(studyDayBounds('2026-10-24', BERLIN, 4)).toEqual({
        start: '2026-10-24T02:00:00.000Z',
        end: '2026-10-25T03:00:00.000Z',
      });
    });

    it('has 23-hour and 25-hour calendar days with rollover 0', () => {
      expect(hoursOf(studyDayBounds('2026-03-29', BERLIN, 0))).toBe(23);
      expect(hoursOf(studyDayBounds('2026-10-25', BERLIN, 0))).toBe(25);
      expect(studyDayBounds('2026-03-29', BERLIN, 0).start).toBe('2026-03-28T23:00:00.000Z');
    });

    it('starts at 03:00 CEST when the 02:00 rollover is skipped', () => {
      expect(studyDayBounds('2026-03-29', BERLIN, 2).start).toBe('2026-03-29T01:00:00.000Z');
    });
  });

  it('Asia/Kolkata: +05:30 all year, every study day 24 h', () => {
    expect(studyDayBounds('2026-06-15', KOLKATA, 4)).toEqual({
      start: '2026-06-14T22:30:00.000Z',
      end: '2026-06-15T22:30:00.000Z',
    });
    expect(studyDayBounds('2026-06-15', KOLKATA, 0)).toEqual({
      start: '2026-06-14T18:30:00.000Z',
      end: '2026-06-15T18:30:00.000Z',
    });
  });

  describe('Australia/Lord_Howe (30-minute DST)', () => {
    it('has a 23.5-hour study day over the 2026-10-04 spring forward (02:00 +10:30 → 02:30 +11)', () => {
      // 10-03 04:00 +10:30 → 10-04 04:00 +11
      const bounds = studyDayBounds('2026-10-03', LORD_HOWE, 4);
      expect(bounds).toEqual({ start: '2026-10-02T17:30:00.000Z', end: '2026-10-03T17:00:00.000Z' });
      expect(hoursOf(bounds)).toBe(23.5);
    });

    it('has a 24.5-hour study day over the 2026-04-05 fall back (02:00 +11 → 01:30 +10:30)', () => {
      // 04-04 04:00 +11 → 04-05 04:00 +10:30
      const bounds = studyDayBounds('2026-04-04', LORD_HOWE, 4);
      expect(bounds).toEqual({ start: '2026-04-03T17:00:00.000Z', end: '2026-04-04T17:30:00.000Z' });
      expect(hoursOf(bounds)).toBe(24.5);
    });

    it('with rollover 2, starts 10-04 at the end of the half-hour gap and 04-05 at 02:00 +10:30', () => {
      expect(studyDayBounds('2026-10-04', LORD_HOWE, 2)).toEqual({
        start: '2026-10-03T15:30:00.000Z',
        end: '2026-10-04T15:00:00.000Z',
      });
      // 02:00 +11 is the transition instant itself, which reads 01:30 +10:30; 02:00 shows only once.
      expect(studyDayBounds('2026-04-04', LORD_HOWE, 2)).toEqual({
        start: '2026-04-03T15:00:00.000Z',
        end: '2026-04-04T15:30:00.000Z',
      });
      expect(studyDay('2026-04-05T01:45:00+11:00', LORD_HOWE, 2)).toBe('2026-04-04');
      expect(studyDay('2026-04-05T01:45:00+10:30', LORD_HOWE, 2)).toBe('2026-04-04');
    });
  });

  it('starts at the transition when the rollover lies inside a 2-hour gap (Antarctica/Troll)', () => {
    // 2026-03-29 01:00Z: 01:00 +00 → 03:00 +02, so 02:00 is skipped and 01:00Z is the first
    // instant at or after it (a plain shift-forward would say 04:00 local, an hour late).
    expect(studyDayBounds('2026-03-29', 'Antarctica/Troll', 2).start).toBe('2026-03-29T01:00:00.000Z');
    expect(hoursOf(studyDayBounds('2026-03-28', 'Antarctica/Troll', 2))).toBe(23);
    expect(hoursOf(studyDayBounds('2026-10-25', 'Antarctica/Troll', 2))).toBe(26);
  });

  it('keeps a skipped calendar date as a short study day (Pacific/Apia, 2011-12-30)', () => {
    // Samoa went from 2011-12-29 24:00 −10 straight to 2011-12-31 00:00 +14 (10:00Z). With rollover 4,
    // 12-31 00:00–04:00 local still belongs to study day 12-30.
    expect(studyDayBounds('2011-12-29', 'Pacific/Apia', 4)).toEqual({
      start: '2011-12-29T14:00:00.000Z',
      end: '2011-12-30T10:00:00.000Z',
    });
    expect(studyDayBounds('2011-12-30', 'Pacific/Apia', 4)).toEqual({
      start: '2011-12-30T10:00:00.000Z',
      end: '2011-12-30T14:00:00.000Z',
    });
    expect(studyDay('2011-12-30T10:00:00Z', 'Pacific/Apia', 4)).toBe('2011-12-30');
  });

  it('makes a skipped calendar date an empty study day with midnight rollover, which splits skip', () => {
    expect(studyDayBounds('2011-12-30', 'Pacific/Apia', 0)).toEqual({
      start: '2011-12-30T10:00:00.000Z',
      end: '2011-12-30T10:00:00.000Z',
    });
    expect(splitByStudyDay('2011-12-30T09:00:00Z', '2011-12-30T11:00:00Z', 'Pacific/Apia', 0)).toEqual([
      { day: '2011-12-29', seconds: 3600 },
      { day: '2011-12-31', seconds: 3600 },
    ]);
  });

  it('throws on an invalid day', () => {
    expect(() => studyDayBounds('2026-02-29', NY, 4)).toThrow(RangeError);
  });
});

describe('splitByStudyDay', () => {
  it('splits a session over the US spring-forward night at its true elapsed seconds', () => {
    // 23:00 EST → 04:30 EDT reads 5.5 h on the clock but lasts 4.5 h; it splits at 04:00 EDT.
    expect(splitByStudyDay('2026-03-07T23:00:00-05:00', '2026-03-08T04:30:00-04:00', NY, 4)).toEqual([
      { day: '2026-03-07', seconds: 4 * 3600 },
      { day: '2026-03-08', seconds: 30 * 60 },
    ]);
  });

  it('keeps a 23:00–01:30 session entirely on its evening’s study day', () => {
    expect(splitByStudyDay('2026-03-07T23:00:00-05:00', '2026-03-08T01:30:00-05:00', NY, 4)).toEqual([
      { day: '2026-03-07', seconds: 2.5 * 3600 },
    ]);
  });

  it('splits a session crossing 04:00 at 04:00', () => {
    expect(splitByStudyDay('2026-05-12T03:00:00+02:00', '2026-05-12T05:15:00+02:00', BERLIN, 4)).toEqual([
      { day: '2026-05-11', seconds: 3600 },
      { day: '2026-05-12', seconds: 4500 },
    ]);
  });

  it('counts the repeated hour of the Berlin fall-back night', () => {
    // 01:30 CEST → 04:30 CET reads 3 h but lasts 4 h; 04:00 CET is 03:00Z.
    expect(splitByStudyDay('2026-10-25T01:30:00+02:00', '2026-10-25T04:30:00+01:00', BERLIN, 4)).toEqual([
      { day: '2026-10-24', seconds: 3.5 * 3600 },
      { day: '2026-10-25', seconds: 1800 },
    ]);
  });

  it('counts the extra half hour of the Lord Howe fall back', () => {
    // 01:00 +11 → 02:00 +10:30 reads 1 h but lasts 1.5 h.
    expect(splitByStudyDay('2026-04-05T01:00:00+11:00', '2026-04-05T02:00:00+10:30', LORD_HOWE, 4)).toEqual([
      { day: '2026-04-04', seconds: 5400 },
    ]);
  });

  it('lists every study day of a multi-day span in order', () => {
    // Kolkata study days (rollover 4) begin at 22:30Z; 06-14 20:00Z is 01:30 IST on 06-15.
    expect(splitByStudyDay('2026-06-14T20:00:00Z', '2026-06-16T23:00:00Z', KOLKATA, 4)).toEqual([
      { day: '2026-06-14', seconds: 9000 },
      { day: '2026-06-15', seconds: 86_400 },
      { day: '2026-06-16', seconds: 86_400 },
      { day: '2026-06-17', seconds: 1800 },
    ]);
  });

  it('gives no zero-second part to a day the session only touches at its end', () => {
    expect(splitByStudyDay('2026-05-12T02:00:00+02:00', '2026-05-12T04:00:00+02:00', BERLIN, 4)).toEqual([
      { day: '2026-05-11', seconds: 7200 },
    ]);
  });

  it('keeps sub-second precision', () => {
    expect(splitByStudyDay('2026-06-15T12:00:00.000Z', '2026-06-15T12:00:00.250Z', 'UTC', 4)).toEqual([
      { day: '2026-06-15', seconds: 0.25 },
    ]);
  });

  it('is empty when end is not after start', () => {
    expect(splitByStudyDay('2026-06-15T12:00:00Z', '2026-06-15T12:00:00Z', NY, 4)).toEqual([]);
    expect(splitByStudyDay('2026-06-15T12:00:00Z', '2026-06-15T11:00:00Z', NY, 4)).toEqual([]);
  });
});

describe('properties over many zones', () => {
  const zones = [
    'UTC',
    NY,
    BERLIN,
    KOLKATA,
    LORD_HOWE,
    'Antarctica/Troll', // 2-hour DST
    'America/Santiago', // falls back at midnight
    'America/Sao_Paulo', // sprang forward at midnight until 2019
    'America/Havana',
    'America/St_Johns', // −03:30
    'Asia/Kathmandu', // +05:45
    'Pacific/Chatham', // +12:45 / +13:45
    'Pacific/Kiritimati', // +14
    'Africa/Casablanca', // leaves DST for Ramadan
    'Europe/Moscow',
    'Asia/Tehran',
  ];
  const zone = fc.constantFrom(...zones);
  const rollover = fc.integer({ min: 0, max: 23 });
  // From 1996: Pacific/Kiritimati skipped 1994-12-31, and a skipped date is an empty study day.
  const minMs = Date.UTC(1996, 0, 1);
  const maxMs = Date.UTC(2040, 0, 1);
  const instantMs = fc.integer({ min: minMs, max: maxMs });
  const day = fc
    .integer({ min: minMs / 86_400_000, max: maxMs / 86_400_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
  const iso = (ms: number) => new Date(ms).toISOString();

  it('study days tile time: each starts where the previous ends and owns exactly [start, end)', () => {
    fc.assert(
      fc.property(day, zone, rollover, (d, tz, r) => {
        const { start, end } = studyDayBounds(d, tz, r);
        expect(studyDay(start, tz, r)).toBe(d);
        expect(studyDay(iso(Date.parse(end) - 1), tz, r)).toBe(d);
        expect(studyDay(end, tz, r)).toBe(addDays(d, 1));
        expect(studyDay(iso(Date.parse(start) - 1), tz, r)).toBe(addDays(d, -1));
        expect(studyDayBounds(addDays(d, 1), tz, r).start).toBe(end);
        const hours = hoursOf({ start, end });
        expect(hours).toBeGreaterThanOrEqual(20);
        expect(hours).toBeLessThanOrEqual(28);
      }),
      { numRuns: 300 },
    );
  });

  it('study days tile time around every offset change of 2026–2027, for every rollover hour', () => {
    const offsetName = (tz: string) => {
      const format = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
      return (ms: number) => format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
    };
    let changes = 0;
    for (const tz of zones) {
      const offsetAt = offsetName(tz);
      for (let ms = Date.UTC(2026, 0, 1), offset = offsetAt(ms); ms < Date.UTC(2028, 0, 1); ms += 86_400_000) {
        const nextOffset = offsetAt(ms + 86_400_000);
        if (nextOffset === offset) continue;
        offset = nextOffset;
        changes += 1;
        const changeDay = iso(ms).slice(0, 10);
        for (const d of [addDays(changeDay, -1), changeDay, addDays(changeDay, 1)]) {
          for (let r = 0; r < 24; r++) {
            const { start, end } = studyDayBounds(d, tz, r);
            expect(studyDay(start, tz, r), `${tz} ${d} r=${r}`).toBe(d);
            expect(studyDay(iso(Date.parse(end) - 1), tz, r), `${tz} ${d} r=${r}`).toBe(d);
            expect(studyDay(end, tz, r), `${tz} ${d} r=${r}`).toBe(addDays(d, 1));
          }
        }
      }
    }
    expect(changes).toBeGreaterThan(25);
  });

  it('every instant lies within the bounds of its own study day', () => {
    fc.assert(
      fc.property(instantMs, zone, rollover, (ms, tz, r) => {
        const { start, end } = studyDayBounds(studyDay(iso(ms), tz, r), tz, r);
        expect(Date.parse(start)).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(Date.parse(end));
      }),
      { numRuns: 300 },
    );
  });

  it('split parts are consecutive study days whose seconds sum to the elapsed seconds', () => {
    fc.assert(
      fc.property(instantMs, fc.integer({ min: 0, max: 4 * 86_400_000 }), zone, rollover, (startMs, length, tz, r) => {
        const start = iso(startMs);
        const end = iso(startMs + length);
        const parts = splitByStudyDay(start, end, tz, r);
        expect(parts.reduce((sum, p) => sum + p.seconds, 0)).toBeCloseTo(length / 1000, 6);
        if (length === 0) {
          expect(parts).toEqual([]);
          return;
        }
        expect(parts[0]?.day).toBe(studyDay(start, tz, r));
        parts.forEach((p, i) => {
          expect(p.seconds).toBeGreaterThan(0);
          if (i > 0) expect(p.day).toBe(addDays(parts[i - 1]?.day ?? '', 1));
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('studyDayWindow', () => {
  // The zones at the extremes of the offset range, DST zones and half/quarter-hour offsets.
  const ZONES = ['Pacific/Kiritimati', 'Etc/GMT+12', 'Pacific/Pago_Pago', 'Pacific/Chatham', LORD_HOWE, KOLKATA, 'Asia/Kathmandu', NY, BERLIN, 'UTC'];

  it('holds every instant of the days in [lo, hi) and only such instants in [innerLo, innerHi)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: -5 * 24 * 60, max: 50 * 24 * 60 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        (startOffset, length, minute, zone, rollover) => {
          const first = addDays('2020-01-01', startOffset);
          const last = addDays(first, length);
          const instant = new Date(Date.parse(`${first}T00:00:00Z`) + minute * 60_000).toISOString();
          const w = studyDayWindow(first, last);
          const day = studyDay(instant, zone, rollover);
          const inDays = day >= first && day <= last;
          if (inDays) expect(instant >= w.lo && instant < w.hi).toBe(true);
          if (instant >= w.innerLo && instant < w.innerHi) expect(inDays).toBe(true);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
