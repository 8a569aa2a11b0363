import { describe, expect, it } from 'vitest';
import type { Session } from '../../../../shared/contract/sessions';
import { accuracyPercent, accuracyText, activityWhat, liveAccuracy, toActivityInput } from './activity-form';
import { filtersFromQuery, listInput, queryFromFilters } from './session-filters';
import { emptySessionForm, fromLocalInput, sessionFormFrom, toCreateInput, toLocalInput, toUpdateInput } from './session-form';

const session: Session = {
  id: '0190a000-0000-7000-8000-000000000001',
  class_id: null,
  class_name: null,
  start_time: '2026-03-28T23:30:42.000Z',
  end_time: '2026-03-29T01:10:00.000Z',
  duration_minutes: 99,
  session_type: 'solo',
  focus_mode: 'pomodoro',
  location: null,
  notes: null,
  mood_rating: 4,
  productivity_rating: null,
  time_zone: 'Europe/Berlin',
  paused_seconds: 0,
  source: 'timer',
  last_heartbeat_at: null,
  points_earned: 49,
  study_date: '2026-03-28',
  activities_count: 0,
  activity_points: 0,
  deleted_at: null,
};

describe('session times', () => {
  it('shows and reads wall-clock times in the session zone, across the DST change', () => {
    expect(toLocalInput(session.start_time, 'Europe/Berlin')).toBe('2026-03-29T00:30');
    expect(toLocalInput(session.end_time!, 'Europe/Berlin')).toBe('2026-03-29T03:10');
    expect(fromLocalInput('2026-03-29T03:10', 'Europe/Berlin')).toBe('2026-03-29T03:10:00+02:00');
    expect(fromLocalInput('2026-03-29T00:30', 'Asia/Kolkata')).toBe('2026-03-29T00:30:00+05:30');
  });

  it('rejects what is not a date and time', () => {
    expect(fromLocalInput('', 'UTC')).toBeNull();
    expect(fromLocalInput('2026-02-30T10:00', 'UTC')).toBeNull();
    expect(fromLocalInput('yesterday', 'UTC')).toBeNull();
  });

  it('proposes the last full hour ending at a quarter hour', () => {
    const form = emptySessionForm(new Date('2026-05-04T10:52:10Z'), 'UTC');
    expect([form.start, form.end]).toEqual(['2026-05-04T09:45', '2026-05-04T10:45']);
  });
});

describe('adding a past session', () => {
  const base = { ...emptySessionForm(new Date('2026-05-04T10:00:00Z'), 'UTC'), start: '2026-05-04T08:00', end: '2026-05-04T09:30' };

  it('maps the form to createManual input with offsets, minutes to seconds, blanks to null', () => {
    const { input } = toCreateInput({ ...base, paused_minutes: '10', mood_rating: '3', location: '  ', notes: ' Ch. 3 ' }, 'America/New_York');
    expect(input).toMatchObject({
      start_time: '2026-05-04T08:00:00-04:00',
      end_time: '2026-05-04T09:30:00-04:00',
      paused_seconds: 600,
      mood_rating: 3,
      productivity_rating: null,
      location: null,
      notes: 'Ch. 3',
      class_id: null,
    });
  });

  it('names the field that is wrong before asking the core', () => {
    expect(toCreateInput({ ...base, end: '2026-05-04T07:00' }, 'UTC').errors).toEqual({ end: 'End must be after start' });
    expect(toCreateInput({ ...base, start: '' }, 'UTC').errors?.start).toBeDefined();
    expect(toCreateInput({ ...base, paused_minutes: '1.5' }, 'UTC').errors?.paused_minutes).toBeDefined();
    expect(toCreateInput({ ...base, paused_minutes: '91' }, 'UTC').errors?.paused_minutes).toBe('Paused time cannot be longer than the session');
  });
});

describe('editing a session', () => {
  it('sends only the changed fields, never an untouched time rounded to the minute', () => {
    const form = sessionFormFrom(session);
    expect(toUpdateInput(form, session).input).toEqual({ session_id: session.id });
    expect(toUpdateInput({ ...form, notes: 'Good', mood_rating: '' }, session).input).toEqual({ session_id: session.id, notes: 'Good', mood_rating: null });
    expect(toUpdateInput({ ...form, end: '2026-03-29T03:40' }, session).input).toEqual({ session_id: session.id, end_time: '2026-03-29T03:40:00+02:00' });
  });

  it('leaves the end of a running session alone', () => {
    const running = { ...session, end_time: null, duration_minutes: null };
    const form = sessionFormFrom(running);
    expect(form.end).toBe('');
    expect(toUpdateInput({ ...form, location: 'Library' }, running).input).toEqual({ session_id: session.id, location: 'Library' });
  });
});

describe('activities', () => {
  it('computes accuracy live, only when it can be known', () => {
    expect(liveAccuracy({ items: '10', correct: '8' })).toBe(80);
    expect(liveAccuracy({ items: '3', correct: '2' })).toBe(66.7);
    expect(liveAccuracy({ items: '10', correct: '' })).toBeNull();
    expect(liveAccuracy({ items: '0', correct: '0' })).toBeNull();
    expect(accuracyPercent(5, 6)).toBeNull();
    expect(accuracyText(80)).toBe('Accuracy 80 %');
  });

  it('maps the form to logActivity input; the description lives in metadata', () => {
    const { input } = toActivityInput({ activity_type: 'testing', what: ' Chapter 4 quiz ', items: '10', correct: '8', minutes: '' }, session.id);
    expect(input).toEqual({
      session_id: session.id,
      activity_type: 'testing',
      items_completed: 10,
      items_correct: 8,
      metadata: { description: 'Chapter 4 quiz' },
    });
    expect(toActivityInput({ activity_type: 'reading', what: '', items: '', correct: '', minutes: '25' }, session.id).input).toEqual({
      session_id: session.id,
      activity_type: 'reading',
      items_completed: null,
      items_correct: null,
      duration_minutes: 25,
    });
  });

  it('refuses more correct than done, or correct without items', () => {
    expect(toActivityInput({ activity_type: 'testing', what: '', items: '5', correct: '6', minutes: '' }, session.id).errors).toEqual({
      correct: 'Correct cannot be more than items',
    });
    expect(toActivityInput({ activity_type: 'testing', what: '', items: '', correct: '2', minutes: '' }, session.id).errors?.items).toBeDefined();
    expect(toActivityInput({ activity_type: 'testing', what: '', items: 'ten', correct: '', minutes: '' }, session.id).errors?.items).toBeDefined();
  });

  it('describes an activity by its own words, else by the platform content', () => {
    expect(activityWhat({ metadata: { description: 'Verbs' }, content_type: 'deck', content_id: 'x' })).toBe('Verbs');
    expect(activityWhat({ metadata: {}, content_type: 'test', content_id: 'math101-testing-3' })).toBe('test: math101-testing-3');
    expect(activityWhat({ metadata: {}, content_type: null, content_id: null })).toBe('');
  });
});

describe('history filters', () => {
  it('round-trips through the address and pages 50 at a time', () => {
    const f = { class_id: '0190a000-0000-7000-8000-000000000002', from: '2026-01-01', to: '2026-01-31', page: 2 };
    expect(filtersFromQuery(queryFromFilters(f))).toEqual(f);
    expect(listInput(f).input).toEqual({ class_id: f.class_id, start_date: '2026-01-01', end_date: '2026-01-31', limit: 50, offset: 100 });
  });

  it('ignores a hand-edited address and refuses From after To', () => {
    expect(filtersFromQuery({ class: 'x', from: '2026-02-30', page: '-3' })).toEqual({ class_id: '', from: '', to: '', page: 0 });
    expect(listInput({ class_id: '', from: '2026-02-01', to: '2026-01-01', page: 0 }).error).toBeDefined();
  });
});
