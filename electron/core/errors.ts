import { AppError, type ErrorBody } from '../../shared/contract/errors';
import { DataDirLockedError } from './db/lock';

/** SQLSTATE classes that mean the input was wrong, not the program. */
const SQLSTATE_CODES: Array<[RegExp, ErrorBody['code']]> = [
  [/^23505$/, 'CONFLICT'], // unique_violation
  [/^23503$/, 'NOT_FOUND'], // foreign_key_violation
  [/^23/, 'VALIDATION'], // other integrity violations (check, not null)
  [/^22/, 'VALIDATION'], // data exceptions (bad date, out of range)
];

/** Any thrown value becomes the typed error body every transport returns. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  if (err instanceof DataDirLockedError) return { code: 'LOCKED', message: err.message };
  const sqlstate = (err as { code?: unknown }).code;
  if (typeof sqlstate === 'string') {
    const match = SQLSTATE_CODES.find(([re]) => re.test(sqlstate));
    if (match) return { code: match[1], message: (err as Error).message };
  }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
