/**
 * The one database interface the SQL services are written against. PGlite (desktop) and `pg`
 * (platform) both implement it, with identical type parsing:
 *   date -> 'YYYY-MM-DD' string, timestamptz -> ISO-8601 string in UTC ('...Z'),
 *   numeric/int8 -> number, json/jsonb -> parsed value, uuid -> string.
 */
export interface QueryResult<Row> {
  rows: Row[];
  affectedRows: number;
}

export interface QueryOptions {
  /**
   * The statement runs on a hot path (a write call of the timer): an adapter may keep it prepared
   * for the connection, so it is parsed and planned once rather than on every call. Only for SQL
   * whose text is fixed (parameters vary, the text does not).
   */
  prepare?: boolean;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>>;
}

export interface Tx extends Queryable {
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Tx {
  /** Runs `fn` in one transaction. Inside, use only `tx` (the outer `db` would deadlock on PGlite). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** PostgreSQL type OIDs whose text form both adapters parse the same way. */
export const PG_TYPES = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMPTZ: 1184 } as const;

/** '2026-03-08 07:30:00.123+00' (session TimeZone UTC) -> '2026-03-08T07:30:00.123Z'. */
export function parseTimestamptz(text: string): string {
  const d = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  if (Number.isNaN(d.getTime())) throw new Error(`unparseable timestamptz: ${text}`);
  return d.toISOString();
}

export const typeParsers: Record<number, (text: string) => unknown> = {
  [PG_TYPES.INT8]: (t) => Number(t),
  [PG_TYPES.NUMERIC]: (t) => Number(t),
  [PG_TYPES.DATE]: (t) => t,
  [PG_TYPES.TIMESTAMPTZ]: parseTimestamptz,
};
