// A core host that writes and pushes to the platform in a loop: the sync crash test kills it with
// SIGKILL at a random moment, mid-push or not, and checks the reopened device converges with the
// server, every award applied exactly once.
import { Core } from '../core';

const [dataDir, serverUrl, email, password, offsetArg] = process.argv.slice(2);
const offset = Number(offsetArg ?? 0);
const core = await Core.open({ dataDir: dataDir!, maintenance: false });
await core.call('account.signIn', { server_url: serverUrl!, email: email!, password: password! });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const start = Date.parse('2026-01-01T00:00:00Z') + (offset + i) * 3_600_000;
  const { session } = await core.call('sessions.createManual', {
    start_time: new Date(start).toISOString(),
    end_time: new Date(start + 40 * 60_000).toISOString(),
    notes: `write ${offset + i}`,
  });
  await core.call('sessions.logActivity', {
    session_id: session.id, activity_type: 'flashcards', items_completed: 10, items_correct: i % 11, duration_minutes: 10,
  });
  if (i % 4 === 0) await core.call('sessions.delete', { session_id: session.id });
  process.stdout.write('push\n');
  const { pushed } = await core.call('sync.now', {});
  process.stdout.write(`pushed ${pushed}\n`);
}
