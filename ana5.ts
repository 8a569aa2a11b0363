import { Core } from './electron/core/core';
const core = await Core.open({ dataDir: '/tmp/ana/h', clock: () => new Date('2026-11-20T20:00:00Z'), maintenance: false });
console.log('---start');
for (let i = 0; i < 200; i++) { const t = performance.now(); await core.db.query('SELECT 1'); const ms = performance.now() - t; if (ms > 5) console.log('stall', i, ms.toFixed(1)); }
console.log('---end');
await core.close();
