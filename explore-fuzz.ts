import { Core } from './electron/core/core';
let now = new Date('2026-03-10T18:00:00Z');
const t0 = performance.now();
const core = await Core.open({ dataDir: null, clock: () => now, timeZone: 'America/New_York', maintenance: false });
console.log('open ms', Math.round(performance.now() - t0));
const show = async (ch: string, input: unknown) => console.log(ch, JSON.stringify(input)?.slice(0, 120), '=>', JSON.stringify(await core.invoke(ch, input)).slice(0, 300));
await show('points.summary', null);
await show('settings.update', null);
await show('settings.update', {});
await show('sessions.createManual', { start_time: '2026-02-30T10:00:00Z', end_time: '2026-02-30T11:00:00Z' });
await show('sessions.createManual', { start_time: '2026-03-09T10:00:00', end_time: '2026-03-09T11:00:00' });
await show('sessions.createManual', { start_time: '0001-03-09T10:00:00Z', end_time: '0001-03-09T11:00:00Z' });
await show('classes.create', { name: 'a\u0000b' });
await show('classes.create', { name: 'lone \uD800 surrogate' });
await show('sessions.createManual', { start_time: '2026-03-08T10:00:00Z', end_time: '2026-03-08T11:00:00Z', notes: 'x\u0000' });
await show('settings.update', { time_zone: 'america/new_york' });
await show('settings.update', { time_zone: 'America/New_York' });
await show('sessions.list', { offset: 2 ** 53 - 1 });
await show('sessions.list', { class_id: '00000000-0000-0000-0000-000000000000' });
await show('sessions.get', { session_id: '00000000-0000-0000-0000-000000000000' });
await show('sessions.get', { session_id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' });
await show('goals.create', { goal_type: 'custom', goal_name: 'x', target_value: 5, target_date: '9999-12-31' , start_date: '0001-01-01'});
console.log(JSON.stringify(await core.db.query("SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")));
console.log(JSON.stringify(await core.db.query("SELECT nspname FROM pg_namespace")));
const zs = Intl.supportedValuesOf('timeZone');
const { isValidTimeZone } = await import('./shared/domain/study-day');
const extra = ['EST5EDT','CST6CDT','US/Pacific-New','Etc/Unknown','SystemV/AST4','Factory','GMT0','Asia/Hanoi','Europe/Kyiv','America/Ciudad_Juarez','Pacific/Kanton','UTC','Etc/UTC','Z','Zulu','EST','MST','HST','ROC','localtime','posixrules','posix/Europe/Berlin','right/UTC'];
const bad: string[] = [];
for (const z of [...zs, ...extra]) {
  if (!isValidTimeZone(z)) continue;
  try { await core.db.query(`SELECT now() AT TIME ZONE $1`, [z]); } catch { bad.push(z); }
}
console.log('valid in JS but not in PG:', bad);
const notjs = (await core.db.query<{name:string}>('SELECT name FROM pg_timezone_names')).rows.map(r=>r.name).filter(n=>!isValidTimeZone(n));
console.log('PG zones JS rejects', notjs.length, notjs.slice(0,20));
await core.close();
