import type { z } from 'zod';
import { isValidDay } from '../../../../shared/domain/calendar';
import type { SessionListInput } from '../../../../shared/contract/sessions';

export const PAGE_SIZE = 50;

/** The history's filters as they live in the address: '#/sessions?class=…&from=…&to=…&page=2'. */
export interface SessionFilterValues {
  class_id: string;
  from: string;
  to: string;
  /** 0-based. */
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDay(s) ? s : '');

/** Reads the filters from the address; anything malformed (a hand-edited URL) is ignored. */
export function filtersFromQuery(query: Record<string, string>): SessionFilterValues {
  const page = Number(query.page);
  return {
    class_id: query.class && UUID.test(query.class) ? query.class : '',
    from: day(query.from),
    to: day(query.to),
    page: Number.isInteger(page) && page > 1 ? page - 1 : 0,
  };
}

export function queryFromFilters(f: SessionFilterValues): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.class_id) q.class = f.class_id;
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.page > 0) q.page = String(f.page + 1);
  return q;
}

/** The sessions.list input for these filters, or why there is none (From after To). */
export function listInput(f: SessionFilterValues): { input?: z.input<typeof SessionListInput>; error?: string } {
  if (f.from && f.to && f.from > f.to) return { error: 'To must be on or after From' };
  return {
    input: {
      ...(f.class_id ? { class_id: f.class_id } : {}),
      ...(f.from ? { start_date: f.from } : {}),
      ...(f.to ? { end_date: f.to } : {}),
      limit: PAGE_SIZE,
      offset: f.page * PAGE_SIZE,
    },
  };
}

// The detail's "All sessions" link goes back to the page and filters the student came from.
let lastListQuery: Record<string, string> = {};
export const rememberListQuery = (query: Record<string, string>) => {
  lastListQuery = query;
};
export const listQueryToReturnTo = () => lastListQuery;
