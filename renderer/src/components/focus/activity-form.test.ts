import { describe, expect, it } from 'vitest';
import { sqlChannels } from '../../../../shared/contract/channels';
import { activityFieldOf, activityInput, EMPTY_ACTIVITY, liveAccuracy } from './activity-form';

const SESSION = '01900000-0000-7000-8000-000000000001';

describe('activityInput', () => {
  it('sends only what the student filled in, and the contract accepts it', () => {
    const r = activityInput(SESSION, { activity_type: 'testing', what: ' Chapter 4 quiz ', items: '10', correct: '8', minutes: '' });
    expect(r.input).toEqual({ session_id: SESSION, activity_type: 'testing', metadata: { description: 'Chapter 4 quiz' }, items_completed: 10, items_correct: 8 });
    expect(sqlChannels['sessions.logActivity'].input.safeParse(r.input).success).toBe(true);
  });

  it('logs a bare activity with a duration', () => {
    const r = activityInput(SESSION, { ...EMPTY_ACTIVITY, activity_type: 'video', minutes: '15' });
    expect(r.input).toEqual({ session_id: SESSION, activity_type: 'video', duration_minutes: 15 });
  });

  it('puts each problem next to its field', () => {
    expect(activityInput(SESSION, { ...EMPTY_ACTIVITY, items: '5', correct: '6' }).errors).toEqual({ correct: 'Cannot be more than the items done' });
    expect(activityInput(SESSION, { ...EMPTY_ACTIVITY, correct: '3' }).errors).toEqual({ items: 'How many items did you do?' });
    expect(activityInput(SESSION, { ...EMPTY_ACTIVITY, items: '2.5', minutes: '2000' }).errors).toEqual({ items: 'Enter a whole number', minutes: 'At most 1,440' });
    expect(activityInput(SESSION, { ...EMPTY_ACTIVITY, what: 'x'.repeat(501) }).errors).toEqual({ what: 'At most 500 characters' });
  });
});

describe('liveAccuracy', () => {
  it('follows the core: two decimals, none without items or with more correct than done', () => {
    expect(liveAccuracy({ items: '3', correct: '2' })).toBe(66.67);
    expect(liveAccuracy({ items: '10', correct: '' })).toBeNull();
    expect(liveAccuracy({ items: '0', correct: '0' })).toBeNull();
    expect(liveAccuracy({ items: '4', correct: '5' })).toBeNull();
  });
});

describe('activityFieldOf', () => {
  it('maps the core issue paths to the form fields', () => {
    expect(activityFieldOf('items_correct')).toBe('correct');
    expect(activityFieldOf('metadata')).toBe('what');
    expect(activityFieldOf('session_id')).toBeUndefined();
  });
});
