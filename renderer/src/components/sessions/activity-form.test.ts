import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../shared/contract/sessions';
import { activityFormFrom, changesSomething, distinctActivityNames, toActivityUpdate } from './activity-form';

const quiz: Activity = {
  id: '0190a000-0000-7000-8000-0000000000a1',
  session_id: '0190a000-0000-7000-8000-000000000001',
  activity_type: 'testing',
  content_type: 'test',
  content_id: 'math101-testing-3',
  start_time: '2026-05-04T08:10:00.000Z',
  end_time: '2026-05-04T08:30:00.000Z',
  duration_minutes: 20,
  items_completed: 10,
  items_correct: 7,
  accuracy_percentage: 70,
  points_earned: 12,
  metadata: { description: 'Practice test 3', source: 'platform', attempt: 2 },
};

describe('correcting a logged activity', () => {
  it('prefills the form with the activity, its description from metadata', () => {
    expect(activityFormFrom(quiz)).toEqual({ activity_type: 'testing', what: 'Practice test 3', items: '10', correct: '7', minutes: '20' });
    expect(activityFormFrom({ ...quiz, metadata: { pages: 12 }, items_completed: null, items_correct: null, duration_minutes: null })).toEqual({
      activity_type: 'testing',
      what: '',
      items: '',
      correct: '',
      minutes: '',
    });
  });

  it('sends only the field that changed', () => {
    const { input } = toActivityUpdate({ ...activityFormFrom(quiz), correct: '9' }, quiz);
    expect(input).toEqual({ activity_id: quiz.id, items_correct: 9 });
  });

  it('sends nothing but the id when the form is as it was, even retyped as "07" or with spaces', () => {
    const { input } = toActivityUpdate({ ...activityFormFrom(quiz), correct: '07', what: ' Practice test 3 ' }, quiz);
    expect(input).toEqual({ activity_id: quiz.id });
    expect(changesSomething(input!)).toBe(false);
  });

  it('clears a blanked optional number with null', () => {
    const { input } = toActivityUpdate({ ...activityFormFrom(quiz), minutes: '' }, quiz);
    expect(input).toEqual({ activity_id: quiz.id, duration_minutes: null });
  });

  it('writes a new description into metadata and keeps the keys other tools put there', () => {
    const changed = toActivityUpdate({ ...activityFormFrom(quiz), what: 'Practice test 4', activity_type: 'assignment' }, quiz);
    expect(changed.input).toEqual({
      activity_id: quiz.id,
      activity_type: 'assignment',
      metadata: { description: 'Practice test 4', source: 'platform', attempt: 2 },
    });
    const cleared = toActivityUpdate({ ...activityFormFrom(quiz), what: '  ' }, quiz);
    expect(cleared.input).toEqual({ activity_id: quiz.id, metadata: { source: 'platform', attempt: 2 } });
  });

  it('checks the numbers as logging does, before anything is sent', () => {
    expect(toActivityUpdate({ ...activityFormFrom(quiz), correct: '11' }, quiz).errors).toEqual({ correct: 'Correct cannot be more than items' });
    expect(toActivityUpdate({ ...activityFormFrom(quiz), items: '' }, quiz).errors).toEqual({ items: 'Enter how many items you did' });
    expect(toActivityUpdate({ ...activityFormFrom(quiz), minutes: '1500' }, quiz).errors?.minutes).toBeDefined();
  });
});

describe('naming activities for their row buttons', () => {
  it('names each row apart: type and description, then the time, then a count', () => {
    const a = (id: string, description: string) => ({ ...quiz, id, metadata: { description } });
    const rows = [a('1', 'Verbs'), a('2', 'Practice test 3'), a('3', 'Practice test 3'), a('4', 'Verbs'), { ...quiz, id: '5', metadata: {}, content_id: null }];
    const times: Record<string, string> = { '1': '09:00', '2': '09:10', '3': '09:40', '4': '09:00', '5': '10:00' };
    expect([...distinctActivityNames(rows, (r) => times[r.id]!).values()]).toEqual([
      'Test · Verbs at 09:00 (1 of 2)',
      'Test · Practice test 3 at 09:10',
      'Test · Practice test 3 at 09:40',
      'Test · Verbs at 09:00 (2 of 2)',
      'Test',
    ]);
  });
});
