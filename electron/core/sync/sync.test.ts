import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerClock, startPlatform, type TestPlatform } from '../../../server/test-support/platform';
import { type FaultProxy, startFaultProxy } from '../../../testing/fault-proxy';
import { type Device, formulaPoints, ledgerPoints, openDevice, settle, syncedState } from './test-support';

// DESIGN §8 failure cases, each through the loopback fault proxy to the platform on a real
// PostgreSQL: nothing acknowledged is lost, nothing is counted twice.

const START = '2026-03-10T18:00:00Z';
let platform: TestPlatform;
let proxy: FaultProxy;
const serverClock = new ServerClock(Date.parse(START));
const open: Device[] = [];
let accounts = 0;

async function account(): Promise<{ email: string; userId: string }> {
  const email = `student${++accounts}@example.com`;
  const tokens = await platform.register(email);
  return { email, userId: tokens.user_id };
}

async function device(email: string, start = START, extra: { protocolVersion?: number } = {}): Promise<Device> {
  const d = await openDevice(proxy.url, email, start, extra);
  open.push(d);
  return d;
}

const manual = (d: Device, start: string, end: string) =>
  d.core.call('sessions.createManual', { start_time: start, end_time: end }).then((r) => r.session.id);

const count = async (sql: string, params: unknown[]) => (await platform.db.query<{ n: number }>(sql, params)).rows[0]!.n;

beforeAll(async () => {
  const started = await startPlatform({ clock: serverClock });
  if (!started) throw new Error('PostgreSQL server binaries are needed for the sync tests');
  platform = started;
  proxy = await startFaultProxy(platform.url);
});
afterAll(async () => {
  for (const d of open) {
    d.engine.stop();
    await d.core.close();
  }
  await proxy?.stop();
  await platform?.stop();
});

describe('sync', () => {
  it('pushes every local write once, and a second device of the account pulls it', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    const s = await manual(a, '2026-03-10T14:00:00Z', '2026-03-10T15:30:00Z');
    await a.core.call('sessions.logActivity', { session_id: s, activity_type: 'testing', start_time: '2026-03-10T14:10:00Z',
      end_time: '2026-03-10T14:40:00Z', items_completed: 10, items_correct: 9 });
    await settle(a);
    expect(await syncedState(platform.db, userId)).toEqual(await syncedState(a.core.db, a.core.userId));

    const b = await device(email);
    await settle(b);
    expect(await syncedState(b.core.db, b.core.userId)).toEqual(await syncedState(platform.db, userId));
    expect((await b.core.call('points.summary', {})).total_points).toBe((await a.core.call('points.summary', {})).total_points);
    expect(await b.engine.status()).toMatchObject({ state: 'synced', pending: 0, provisional_points: 0 });
  });

  it('resends after a timeout that came after the server committed: duplicates, nothing counted twice', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    await manual(a, '2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z');
    let pushes = 0;
    proxy.setPlan((r) => (r.path.endsWith('/sync/push') && ++pushes === 1 ? { kind: 'closeAfterResponse' } : { kind: 'pass' }));
    await expect(a.engine.syncNow()).rejects.toThrow();
    expect((await a.engine.status()).pending).toBeGreaterThan(0); // not trimmed: no response named it
    proxy.setPlan(() => ({ kind: 'pass' }));
    await settle(a);
    expect(await ledgerPoints(platform.db, userId)).toBe(await ledgerPoints(a.core.db, a.core.userId));
    expect(await count('SELECT count(*)::int AS n FROM study_sessions WHERE user_id = $1', [userId])).toBe(1);
  });

  it('rolls back a batch the server failed in the middle of, and applies it whole on retry', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    for (let i = 0; i < 5; i++) await a.core.call('classes.create', { name: `Class ${i}` });
    await manual(a, '2026-03-10T08:00:00Z', '2026-03-10T09:00:00Z');
    // The session insert fails once with a serialization failure, after the classes were applied.
    await platform.db.exec(`
      CREATE SEQUENCE fail_once;
      CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'injected' USING ERRCODE = 'serialization_failure'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_once BEFORE INSERT ON study_sessions FOR EACH ROW EXECUTE FUNCTION fail_once();`);
    try {
      await expect(a.engine.syncNow()).rejects.toThrow();
      expect(await count('SELECT count(*)::int AS n FROM classes WHERE user_id = $1', [userId])).toBe(0);
      proxy.setPlan((r) => (r.n % 3 === 0 ? { kind: 'error500' } : { kind: 'pass' }));
      await settle(a);
    } finally {
      proxy.setPlan(() => ({ kind: 'pass' }));
      await platform.db.exec('DROP TRIGGER fail_once ON study_sessions; DROP FUNCTION fail_once(); DROP SEQUENCE fail_once;');
    }
    expect(await syncedState(platform.db, userId)).toEqual(await syncedState(a.core.db, a.core.userId));
  });

  it('applies the same batch delivered twice, one after the other or concurrently, once', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    for (const concurrent of [false, true]) {
      await manual(a, concurrent ? '2026-03-10T06:00:00Z' : '2026-03-10T04:30:00Z', concurrent ? '2026-03-10T07:00:00Z' : '2026-03-10T05:30:00Z');
      proxy.setPlan(() => ({ kind: 'duplicate', concurrent }));
      await settle(a);
    }
    proxy.setPlan(() => ({ kind: 'pass' }));
    expect(await ledgerPoints(platform.db, userId)).toBe(await ledgerPoints(a.core.db, a.core.userId));
    expect(await formulaPoints(platform.db, userId)).toBe(await ledgerPoints(platform.db, userId));
  });

  it('rejects a mutation that can never apply (a device clock 3 days fast) without blocking the queue', async () => {
    const { email, userId } = await account();
    const fast = await device(email, '2026-03-13T18:00:00Z');
    const future = await manual(fast, '2026-03-13T16:00:00Z', '2026-03-13T17:00:00Z');
    const klass = (await fast.core.call('classes.create', { name: 'After the bad one' })).class.id;
    await settle(fast);
    expect(await fast.engine.status()).toMatchObject({ pending: 0, last_error: expect.stringContaining('refused') });
    expect(await count('SELECT count(*)::int AS n FROM study_sessions WHERE id = $1', [future])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM classes WHERE id = $1 AND user_id = $2', [klass, userId])).toBe(1);
  });

  it('accepts the writes of a device clock 3 days slow, ordered by arrival, not by its clock', async () => {
    const { email, userId } = await account();
    const slow = await device(email, '2026-03-07T18:00:00Z');
    const normal = await device(email);
    const s = await manual(normal, '2026-03-06T10:00:00Z', '2026-03-06T11:00:00Z');
    await settle(normal);
    await settle(slow);
    await slow.core.call('sessions.update', { session_id: s, notes: 'edited later, on a clock 3 days behind' });
    await settle(slow);
    await settle(normal);
    const { rows } = await platform.db.query('SELECT notes FROM study_sessions WHERE id = $1 AND user_id = $2', [s, userId]);
    expect(rows).toEqual([{ notes: 'edited later, on a clock 3 days behind' }]);
    expect(await syncedState(normal.core.db, normal.core.userId)).toEqual(await syncedState(platform.db, userId));
  });

  it('refreshes an access token that expired between batches and resends the same batch', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    for (let i = 0; i < 150; i++) await a.core.call('classes.create', { name: `Class ${i}` });
    let pushes = 0;
    proxy.setPlan((r) => {
      if (r.path.endsWith('/sync/push') && ++pushes === 2) serverClock.advance(16 * 60_000);
      return { kind: 'pass' };
    });
    try {
      await a.engine.syncNow();
    } finally {
      proxy.setPlan(() => ({ kind: 'pass' }));
    }
    expect(await a.engine.status()).toMatchObject({ state: 'synced', pending: 0 });
    expect(await count('SELECT count(*)::int AS n FROM classes WHERE user_id = $1', [userId])).toBe(150);
  });

  it('asks to sign in when the refresh token is gone too, and keeps every local write', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    serverClock.advance(16 * 60_000);
    await platform.db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [userId]);
    await manual(a, '2026-03-10T12:00:00Z', '2026-03-10T12:30:00Z');
    await expect(a.engine.syncNow()).rejects.toThrow(/sign in/);
    expect(await a.engine.status()).toMatchObject({ state: 'sign_in_needed', pending: expect.any(Number) });
    expect((await a.engine.status()).pending).toBeGreaterThan(0);
    await a.engine.signIn(proxy.url, email, 'correct horse battery');
    await settle(a);
    expect(await syncedState(platform.db, userId)).toEqual(await syncedState(a.core.db, a.core.userId));
  });

  it('converges when two devices edit and delete the same session offline: the delete wins', async () => {
    for (const deleterFirst of [true, false]) {
      const { email, userId } = await account();
      const a = await device(email);
      const b = await device(email);
      const s = await manual(a, '2026-03-09T10:00:00Z', '2026-03-09T11:00:00Z');
      await settle(a);
      await settle(b);
      await a.core.call('sessions.update', { session_id: s, end_time: '2026-03-09T12:00:00Z', notes: 'longer' });
      await b.core.call('sessions.delete', { session_id: s });
      const [first, second] = deleterFirst ? [b, a] : [a, b];
      await settle(first);
      await settle(second);
      await settle(first);
      const server = await syncedState(platform.db, userId);
      expect(server[`study_sessions:${s}`]).toMatchObject({ deleted_at: expect.any(String) });
      expect(await syncedState(a.core.db, a.core.userId)).toEqual(server);
      expect(await syncedState(b.core.db, b.core.userId)).toEqual(server);
      expect(await ledgerPoints(platform.db, userId)).toBe(await formulaPoints(platform.db, userId));
      expect(await ledgerPoints(a.core.db, a.core.userId)).toBe(await formulaPoints(platform.db, userId));
    }
  });

  it('keeps the queue when the server needs a newer client (409 update required)', async () => {
    const { email } = await account();
    const old = await device(email, START, { protocolVersion: 0 });
    await manual(old, '2026-03-10T13:00:00Z', '2026-03-10T13:30:00Z');
    await expect(old.engine.syncNow()).rejects.toThrow(/update required/);
    const status = await old.engine.status();
    expect(status.state).toBe('update_required');
    expect(status.pending).toBeGreaterThan(0);
  });

  it('keeps retrying with backoff through a flapping network until it heals', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    for (let i = 0; i < 3; i++) await manual(a, `2026-03-10T0${i}:00:00Z`, `2026-03-10T0${i}:40:00Z`);
    let requests = 0;
    proxy.setPlan(() => {
      requests++;
      if (requests > 25) return { kind: 'pass' };
      return [{ kind: 'drop' }, { kind: 'error500' }, { kind: 'delay', ms: 20 }, { kind: 'closeAfterResponse' }][requests % 4] as never;
    });
    try {
      await a.engine.start();
      const deadline = Date.now() + 30_000;
      while ((await a.engine.status()).state !== 'synced') {
        if (Date.now() > deadline) throw new Error(`never healed: ${JSON.stringify(await a.engine.status())}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      a.engine.stop();
      proxy.setPlan(() => ({ kind: 'pass' }));
    }
    expect(requests).toBeGreaterThan(4);
    expect(await syncedState(platform.db, userId)).toEqual(await syncedState(a.core.db, a.core.userId));
  });
});
