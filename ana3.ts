import { Core } from './electron/core/core';
const core = await Core.open({ dataDir: '/tmp/ana/h', clock: () => new Date('2026-11-20T20:00:00Z'), maintenance: false });
const time = async (label: string, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 10; i++) await fn();
  const s: number[] = [];
  for (let i = 0; i < 100; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'p50', s[50]!.toFixed(2), 'p95', s[95]!.toFixed(2));
};
await time('empty transaction', () => core.db.transaction(async (tx) => { await tx.query('SELECT 1'); }));
await time('settings.get', () => core.invoke('settings.get', {}));
await time('sessions.list', () => core.invoke('sessions.list', {}));
await time('sessions.list limit 10', () => core.invoke('sessions.list', { limit: 10 }));
await time('points.summary', () => core.invoke('points.summary', {}));
await time('goals.list', () => core.invoke('goals.list', {}));
await time('sessions.active', () => core.invoke('sessions.active', {}));
await core.close();
