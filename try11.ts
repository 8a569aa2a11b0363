import { Core } from './electron/core/core';
import { seedDemo } from './electron/core/demo/seed';
import { benchReports } from './bench/reports';
const core = await Core.open({ dataDir: null, clock: () => new Date('2026-11-20T20:00:00Z'), timeZone: 'Europe/Berlin', maintenance: false });
await seedDemo(core, { years: 4, end: '2026-11-20T18:00:00Z' });
await benchReports(core, (l) => console.log(JSON.stringify(l)), 30);
await core.close();
