import type { z } from 'zod';
import { AppError, type ErrorIssue } from './errors';

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
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
