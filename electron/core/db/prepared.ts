import { parse, type PGlite, protocol } from '@electric-sql/pglite';
import type { QueryResult } from '../../../shared/db/db';

/**
 * Named prepared statements on PGlite. `PGlite.query` sends every statement as an unnamed Parse,
 * so the engine parses, analyses and plans it on every call: for the short statements of the
 * write path (end a session, log an activity) that is most of their cost — an UPDATE of one
 * session by key took ~0.7 ms, of which ~0.5 ms was preparing it. A statement kept here is parsed
 * once per connection; the engine's plan cache then reuses its plan (custom plans for the first
 * five runs, then the generic plan when it is no worse, as for any prepared statement).
 *
 * Each call is one message batch (Bind, Describe, Execute, Sync) that the engine runs in a single
 * synchronous pass, so nothing can interleave with it. Use it only inside `PGlite.transaction`,
 * which keeps every other query out until the transaction ends. Results are parsed exactly as
 * `PGlite.query` parses them (same parsers, same parameter serializers).
 */
export class PreparedStatements {
  readonly #statements = new Map<string, { name: string; paramTypes: number[] }>();
  #next = 0;

  constructor(
    private readonly pglite: PGlite,
    /** Statements kept at most; the least recently used one is closed beyond it. */
    private readonly capacity = 200,
  ) {}

  get size(): number {
    return this.#statements.size;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
    const statement = this.#statements.get(sql) ?? (await this.#prepare(sql));
    // Most recently used last: Map keeps insertion order.
    this.#statements.delete(sql);
    this.#statements.set(sql, statement);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.pglite.serializers[statement.paramTypes[i]!];
      return serialize ? serialize(value) : String(value);
    });
    const messages = await this.pglite.execProtocolStream(
      batch(
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    const result = parse.parseResults(messages, this.pglite.parsers)[0];
    return { rows: (result?.rows ?? []) as Row[], affectedRows: result?.affectedRows ?? 0 };
  }

  async #prepare(sql: string): Promise<{ name: string; paramTypes: number[] }> {
    if (this.#statements.size >= this.capacity) {
      const [oldestSql, oldest] = this.#statements.entries().next().value!;
      this.#statements.delete(oldestSql);
      await this.pglite.execProtocolStream(
        batch(protocol.serialize.close({ type: 'S', name: oldest.name }), protocol.serialize.sync()),
        { syncToFs: false },
      );
    }
    const name = `sd_${++this.#next}`;
    // A statement that does not parse throws here, and nothing is kept.
    const messages = await this.pglite.execProtocolStream(
      batch(
        protocol.serialize.parse({ name, text: sql }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.#statements.set(sql, statement);
    return statement;
  }
}

function batch(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
