import { Core } from './electron/core/core';
import { inTransaction } from './shared/services/context';
import { handlers } from './shared/services/handlers';
import { parseInput } from './shared/contract/validate';
import { channels } from './shared/contract/channels';
import type { Db, Tx } from './shared/db/db';
let now = Date.parse('2026-11-20T20:00:00Z');
const core = await Core.open({ dataDir: '/tmp/ana/h2', clock: () => new Date(now), maintenance: false });
const stats = new Map<string, number[]>();
let record = false;
const wrapTx = (tx: Tx): Tx => ({
  exec: (s) => tx.exec(s),
  async query(sql, params) {
    const t = performance.now(); const r = await tx.query(sql, params); const ms = performance.now() - t;
    if (record) { const k = sql.replace(/\s+/g, ' ').trim().slice(0, 90); (stats.get(k) ?? stats.set(k, []).get(k)!).push(ms); }
    return r;
  },
});
const db: Db = { ...core.db, query: core.db.query, exec: core.db.exec, transaction: (fn) => core.db.transaction((tx) => fn(wrapTx(tx))) };
const call = async (channel: keyof typeof channels, input: unknown) => {
  const parsed = parseInput(channels[channel].input, input);
  const h = handlers[channel] as (ctx: any, i: unknown) => Promise<any>;
  const t = performance.now();
  const { result } = await inTransaction(db, { userId: core.userId, now: new Date(now).toISOString(), settings: core.settings }, (ctx) => h(ctx, parsed));
  return { result, ms: performance.now() - t };
};
const totals: Record<string, number[]> = {};
for (let i = 0; i < 60; i++) {
  record = i >= 10;
  now += 120000;
  const s = await call('sessions.start', { session_type: 'solo' });
  now += 480000;
  const a = await call('sessions.logActivity', { session_id: s.result.session_id, activity_type: 'testing', items_completed: 20, items_correct: 17 });
  now += 180000;
  const e = await call('sessions.end', { session_id: s.result.session_id });
  if (record) for (const [k, v] of [['start', s.ms], ['log', a.ms], ['end', e.ms]] as const) (totals[k] ??= []).push(v);
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
for (const [k, v] of Object.entries(totals)) console.log(k, 'median', med(v).toFixed(2));
const rows = [...stats].map(([k, v]) => ({ k, n: v.length, med: med(v), sum: v.reduce((a, b) => a + b, 0) })).sort((a, b) => b.sum - a.sum);
for (const r of rows.slice(0, 18)) console.log(r.sum.toFixed(0).padStart(6), r.n.toString().padStart(4), r.med.toFixed(2).padStart(7), r.k);
await core.close();
