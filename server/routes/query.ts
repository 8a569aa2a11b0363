const NUMERIC = new Set(['limit', 'offset', 'weeks', 'months', 'cursor']);
const BOOLEAN = new Set(['include_archived', 'include_deleted']);

/**
 * Query parameters as a channel input: numbers and booleans where the contract expects them,
 * everything else as given, so the channel's strict schema judges it (unknown keys included).
 */
export function queryInput(query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of query) {
    if (Object.hasOwn(out, key)) {
      out[key] = [out[key], value].flat(); // a repeated parameter is a type error for the schema
    } else if (NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(value)) {
      out[key] = Number(value);
    } else if (BOOLEAN.has(key) && (value === 'true' || value === 'false')) {
      out[key] = value === 'true';
    } else {
      out[key] = value;
    }
  }
  return out;
}

export const bodyObject = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : { __body: body };
