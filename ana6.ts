import { Core } from './electron/core/core';
const core = await Core.open({ dataDir: '/tmp/ana/h', clock: () => new Date('2026-11-20T20:00:00Z'), maintenance: false });
process.stderr.write('---start\n');
for (let i = 0; i < 200; i++) await core.db.query('SELECT 1');
process.stderr.write('---end\n');
await core.close();
