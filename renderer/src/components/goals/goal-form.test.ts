import { describe, expect, it } from 'vitest';
import type { Goal } from '../../../../shared/contract/goals';
import { amountText, dueText, emptyGoalForm, goalFormFrom, inTab, periodEnd, toGoalCreateInput, toGoalUpdateInput, unitText } from './goal-form';

const goal: Goal = {
  goal_id: '0190a000-0000-7000-8000-0000000000aa',
  class_id: null,
  goal_type: 'custom',
  goal_name: 'Read the set books',
  goal_description: null,
  target_value: 12,
  current_value: 3,
  unit: 'books',
  start_date: '2026-01-01',
  target_date: '2026-06-30',
  status: 'active',
  priority: 'medium',
  is_recurring: false,
  recurrence_pattern: null,
  reminder_enabled: false,
  percentage_complete: 25,
  days_remaining: 40,
  on_track: false,
  milestones_reached: [25],
  completed_at: null,
  created_at: '2026-01-01T10:00:00Z',
};

describe('creating a goal', () => {
  const base = { ...emptyGoalForm('2026-05-04'), title: ' Ten hours of maths ' };

  it('defaults to 30 days of study time from today', () => {
    expect(toGoalCreateInput(base).input).toEqual({
      goal_type: 'study_time',
      goal_name: 'Ten hours of maths',
      goal_description: null,
      class_id: null,
      target_value: 600,
      start_date: '2026-05-04',
      target_date: '2026-06-02',
      priority: 'medium',
      is_recurring: false,
      recurrence_pattern: null,
      reminder_enabled: false,
    });
  });

  it('sends a unit only for custom goals and no class for a streak', () => {
    expect(toGoalCreateInput({ ...base, goal_type: 'custom', target: '2.5', unit: 'chapters' }).input).toMatchObject({ unit: 'chapters', target_value: 2.5 });
    expect(toGoalCreateInput({ ...base, goal_type: 'study_time', unit: 'chapters' }).input).not.toHaveProperty('unit');
    expect(toGoalCreateInput({ ...base, goal_type: 'streak', target: '7', class_id: '0190a000-0000-7000-8000-0000000000bb' }).input?.class_id).toBeNull();
  });

  it('turns Repeats into is_recurring and the pattern', () => {
    expect(toGoalCreateInput({ ...base, repeats: 'weekly' }).input).toMatchObject({ is_recurring: true, recurrence_pattern: 'weekly' });
  });

  it('checks the target against the type', () => {
    expect(toGoalCreateInput({ ...base, goal_type: 'test_score', target: '120' }).errors?.target).toBe('A percentage target cannot exceed 100');
    expect(toGoalCreateInput({ ...base, goal_type: 'streak', target: '6.5' }).errors?.target).toBe('Enter a whole number');
    expect(toGoalCreateInput({ ...base, target: '0' }).errors?.target).toBeDefined();
    expect(toGoalCreateInput({ ...base, goal_type: 'custom', target: '0.001' }).errors?.target).toBeDefined();
    expect(toGoalCreateInput({ ...base, title: '   ' }).errors?.title).toBeDefined();
    expect(toGoalCreateInput({ ...base, target_date: '2026-05-01' }).errors?.target_date).toBe('The target date must be on or after the start date');
  });
});

describe('editing a goal', () => {
  it('sends only what changed', () => {
    const form = goalFormFrom(goal);
    expect(toGoalUpdateInput(form, goal).input).toEqual({ goal_id: goal.goal_id });
    expect(toGoalUpdateInput({ ...form, target: '10', repeats: 'monthly' }, goal).input).toEqual({
      goal_id: goal.goal_id,
      target_value: 10,
      is_recurring: true,
      recurrence_pattern: 'monthly',
    });
  });
});

describe('showing a goal', () => {
  it('writes amounts in the unit of the type', () => {
    expect(amountText('study_time', 605, 'minutes')).toBe('10 h 5 min');
    expect(amountText('study_time', 45, 'minutes')).toBe('45 min');
    expect(amountText('test_score', 82.349, 'percent')).toBe('82.3 %');
    expect(amountText('streak', 3, 'days')).toBe('3 days');
    expect(amountText('assignment_completion', 1, 'assignments')).toBe('1 assignment');
    expect(amountText('custom', 3, 'books')).toBe('3 books');
    expect(unitText('flashcard_mastery', null)).toBe('%');
  });

  it('says how long is left', () => {
    expect(dueText(12)).toBe('12 days left');
    expect(dueText(1)).toBe('1 day left');
    expect(dueText(0)).toBe('Due today');
    expect(dueText(-1)).toBe('Ended yesterday');
    expect(dueText(-5)).toBe('Ended 5 days ago');
  });

  it('keeps completed, expired and abandoned goals in the archive', () => {
    expect(inTab(goal, 'active')).toBe(true);
    for (const status of ['completed', 'expired', 'abandoned'] as const) expect(inTab({ ...goal, status }, 'archive')).toBe(true);
  });

  it('proposes the period a repeating goal covers', () => {
    expect(periodEnd('2026-05-04', 'daily')).toBe('2026-05-04');
    expect(periodEnd('2026-05-04', 'weekly')).toBe('2026-05-10');
    expect(periodEnd('2026-05-04', 'monthly')).toBe('2026-06-03');
    expect(periodEnd('2026-01-31', 'monthly')).toBe('2026-02-27');
    expect(periodEnd('2026-12-15', 'monthly')).toBe('2027-01-14');
  });
});
