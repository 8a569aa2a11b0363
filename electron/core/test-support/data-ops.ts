// A core host running one data operation for the kill -9 tests (data/crash.test.ts): it prints
// "ready" once open, then "ack ..." after each completed operation, and is killed at random.
import { Core } from '../core';

const [dataDir, now, op, arg] = process.argv.slice(2);
const clock = () => new Date(now!);
const core = await Core.open({ dataDir: dataDir!, clock, maintenance: false });
process.stdout.write('ready\n');
if (op === 'backup') {
  for (;;) process.stdout.write(`ack backup ${(await core.call('data.backup', {})).backup.backup_id}\n`);
} else if (op === 'restore') {
  await core.call('data.restore', { backup_id: arg! });
  process.stdout.write('ack restored\n');
} else if (op === 'import') {
  const result = await core.call('data.import', { path: arg! });
  process.stdout.write(`ack imported ${result.message}\n`);
}
await core.close();
process.stdout.write('closed\n');
