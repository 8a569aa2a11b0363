import type { Queryable } from '../../../shared/db/db';

/**
 * The catalogue of the public schema as comparable text: what a migration created, independent of
 * the order it was created in. Formatting that differs between server versions is normalised.
 */
export async function catalogue(db: Queryable): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await db.query<{ item: string }>(sql)).rows.map((r) => r.item.replace(/\s+/g, ' ').trim());
  return {
    columns: await q(`
      SELECT format('%s.%s %s null=%s default=%s', c.table_name, c.column_name,
                    format_type(a.atttypid, a.atttypmod), c.is_nullable, coalesce(c.column_default, '-')) AS item
        FROM information_schema.columns c
        JOIN pg_attribute a ON a.attrelid = format('public.%I', c.table_name)::regclass AND a.attname = c.column_name
       WHERE c.table_schema = 'public' ORDER BY 1`),
    constraints: await q(`
      SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS item
        FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace
         AND contype <> 'n' -- PostgreSQL 18 records NOT NULL as constraints too; the columns list covers them
       ORDER BY 1`),
    indexes: await q(`SELECT indexdef AS item FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`),
    functions: await q(`
      SELECT format('%s(%s) %s %s md5=%s', p.proname, pg_get_function_arguments(p.oid), p.provolatile,
                    pg_get_function_result(p.oid), md5(p.prosrc)) AS item
        FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`),
    triggers: await q(`
      SELECT pg_get_triggerdef(oid) AS item FROM pg_trigger
       WHERE NOT tgisinternal AND tgrelid::regclass::text NOT LIKE 'pg_%' ORDER BY 1`),
    views: await q(`
      SELECT format('%s: %s', table_name, string_agg(column_name, ',' ORDER BY ordinal_position)) AS item
        FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name IN (SELECT table_name FROM information_schema.views WHERE table_schema = 'public')
       GROUP BY table_name ORDER BY 1`),
  };
}

/**
 * Every row of every table in the public schema, as comparable text: count and an md5 of the rows
 * in a fixed order. `except` leaves out columns per table (a restore gives sync a new identity).
 */
export async function rowFingerprints(db: Queryable, except: Record<string, string[]> = {}): Promise<Record<string, string>> {
  const { rows: tables } = await db.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const drop = (except[name] ?? []).map((c) => ` - '${c}'`).join('');
    const { rows } = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::integer AS n, md5(coalesce(string_agg((to_jsonb(x)${drop})::text, ',' ORDER BY (to_jsonb(x)${drop})::text), '')) AS h FROM ${name} x`,
    );
    out[name] = `${rows[0]!.n}:${rows[0]!.h}`;
  }
  return out;
}
