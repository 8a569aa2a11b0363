import { describe, expect, it } from 'vitest';
import { ApiError } from './call';
import { fieldErrorsFrom, humanize } from './form-errors';

const fields = { start_time: 'start', end_time: 'end' } as const;
const labels = { start_time: 'Start', end_time: 'End' };

describe('form errors from the core', () => {
  it('puts each typed issue next to its field, in the form words', () => {
    const err = new ApiError({
      code: 'VALIDATION',
      message: 'invalid input',
      issues: [
        { path: 'end_time', message: 'end_time must be after start_time' },
        { path: 'metadata.x', message: 'too big' },
      ],
    });
    expect(fieldErrorsFrom(err, fields, labels)).toEqual({ end: 'End must be after start', form: 'Too big' });
  });

  it('shows an error with no field (a conflict) for the whole form', () => {
    const err = new ApiError({ code: 'CONFLICT', message: 'the session overlaps session 0190a' });
    expect(fieldErrorsFrom(err, fields)).toEqual({ form: 'The session overlaps session 0190a' });
    expect(fieldErrorsFrom(new Error('network down'), fields)).toEqual({ form: 'Network down' });
  });

  it('drops the raw instant the field already shows', () => {
    expect(humanize('end_time 2027-01-01T10:00:00.000Z is in the future', labels)).toBe('End is in the future');
    expect(humanize('start_time 2027-01-01T10:00:00+05:30 is in the future', labels)).toBe('Start is in the future');
  });

  it('replaces whole wire names only', () => {
    expect(humanize('start_time_zone is odd', labels)).toBe('Start_time_zone is odd');
  });
});
