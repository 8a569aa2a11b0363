import type { z } from 'zod';
import { AppError, type ErrorIssue } from './errors';

const KINDS: Record<string, string> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list',
  date: 'a date', bigint: 'a number',
};

/**
 * zod's own wording ("Too big: expected string to have <=60 characters") said in plain words
 * ("must be at most 60 characters"); messages the contract wrote itself are kept as they are.
 */
function plainMessage(issue: z.core.$ZodIssue): string {
  const own = !/^(Too big|Too small|Invalid input|Invalid option)/.test(issue.message);
  if (own) return issue.message;
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${max} items`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${min} items`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'is required' : `must be ${KINDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: plainMessage(i) }));
}

/**
 * Parses with a contract schema; bad input becomes a VALIDATION AppError listing every issue.
 * A missing input means `{}`; `null` is not an input.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    throw new AppError('VALIDATION', `invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}
