import { describe, expect, it } from 'vitest';
import { ClassCreateInput } from './classes';
import { AppError } from './errors';
import { GoalCreateInput } from './goals';
import { SessionCreateManualInput, SessionListInput } from './sessions';
import { parseInput } from './validate';

const issuesOf = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
  try {
    parseInput(schema, input);
  } catch (err) {
    if (err instanceof AppError) return Object.fromEntries((err.issues ?? []).map((i) => [i.path, i.message]));
    throw err;
  }
  throw new Error('the input was accepted');
};

describe('validation issues in plain words', () => {
  it('says lengths, bounds, kinds, choices and missing fields the way a form would', () => {
    expect(issuesOf(ClassCreateInput, { name: 'x'.repeat(201), code: 'y'.repeat(41) })).toMatchObject({
      name: expect.stringMatching(/^must be at most \d+ characters$/),
      code: 'must be at most 40 characters',
    });
    expect(issuesOf(SessionListInput, { limit: 0, offset: 'ten' })).toEqual({ limit: 'must be at least 1', offset: 'must be a number' });
    expect(issuesOf(GoalCreateInput, { goal_name: 'G', target_value: 5, target_date: '2026-12-01', goal_type: 'wishful' })).toEqual({
      goal_type: 'must be one of: study_time, test_score, assignment_completion, flashcard_mastery, streak, custom',
    });
    expect(issuesOf(SessionCreateManualInput, { start_time: '2026-03-10T10:00:00Z' })).toEqual({ end_time: 'is required' });
  });

  it('keeps the messages the contract wrote itself', () => {
    expect(issuesOf(SessionCreateManualInput, { start_time: '2026-03-10T10:00:00Z', end_time: '2026-03-10T09:00:00Z' })).toEqual({
      end_time: 'end_time must be after start_time',
    });
  });
});
