// A core host that writes as fast as it can and acknowledges each write on stdout once the call
// returned: the crash test kills it with SIGKILL and checks every acknowledged write survived.
import { Core } from '../core';

const [dataDir, offsetArg] = process.argv.slice(2);
const offset = Number(offsetArg ?? 0);
const core = await Core.open({ dataDir: dataDir!, maintenance: { checkpointEveryMs: 200, idleAfterMs: 100 } });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const start = Date.parse('2020-01-01T00:00:00Z') + (offset + i) * 3_600_000;
  const { session } = await core.call('sessions.createManual', {
    start_time: new Date(start).toISOString(),
    end_time: new Date(start + 40 * 60_000).toISOString(),
    notes: `write ${offset + i}`,
  });
  process.stdout.write(`ack session ${session.id}\n`);
  const activity = await core.call('sessions.logActivity', {
    session_id: session.id,
    activity_type: 'flashcards',
    items_completed: 10,
    items_correct: i % 11,
    duration_minutes: 10,
  });
  process.stdout.write(`ack activity ${activity.activity_id}\n`);
  if (i % 3 === 0) {
    await core.call('sessions.delete', { session_id: session.id });
    process.stdout.write(`ack deleted ${session.id}\n`);
  }
}
