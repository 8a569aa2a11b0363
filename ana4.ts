import { Core } from './electron/core/core';
const core = await Core.open({ dataDir: '/tmp/ana/h', clock: () => new Date('2026-11-20T20:00:00Z'), maintenance: false });
for (const label of ['tx', 'query']) {
  const s: number[] = [];
  for (let i = 0; i < 300; i++) { const t = performance.now(); if (label === 'tx') await core.db.transaction(async (tx) => { await tx.query('SELECT 1'); }); else await core.db.query('SELECT 1'); s.push(performance.now() - t); }
  console.log(label, s.filter((x) => x > 5).map((x) => x.toFixed(1)).join(' '), '| count>5:', s.filter((x) => x > 5).length);
}
await core.close();
