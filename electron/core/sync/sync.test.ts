import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerClock, startPlatform, type TestPlatform } from '../../../server/test-support/platform';
import type { SyncStatus } from '../../../shared/contract/sync';
import { type FaultProxy, type ProxyExchange, startFaultProxy } from '../../../testing/fault-proxy';
import type { SyncOptions, Timers } from './engine';
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

async function device(email: string, start = START, extra: Partial<SyncOptions> = {}): Promise<Device> {
  const d = await openDevice(proxy.url, email, start, extra);
  open.push(d);
  return d;
}

/** One sync cycle during whose pull (held back 1 s by the proxy) the student records a class. */
async function syncWithWriteDuringPull(d: Device): Promise<void> {
  let write: Promise<unknown> | null = null;
  proxy.setPlan((r) => {
    if (r.path.endsWith('/sync/pull') && !write) {
      write = d.core.call('classes.create', { name: 'During the cycle' });
      return { kind: 'delay', ms: 1_000 };
    }
    return { kind: 'pass' };
  });
  try {
    await d.engine.syncNow();
  } finally {
    proxy.setPlan(() => ({ kind: 'pass' }));
  }
  await write;
}

const manual = (d: Device, start: string, end: string) =>
  d.core.call('sessions.createManual', { start_time: start, end_time: end }).then((r) => r.session.id);

const count = async (sql: string, params: unknown[]) => (await platform.db.query<{ n: number }>(sql, params)).rows[0]!.n;

/** Records every exchange through the proxy while `fn` runs. */
async function watching<T>(fn: (log: ProxyExchange[]) => Promise<T>): Promise<T> {
  const log: ProxyExchange[] = [];
  proxy.observe((e) => log.push(e));
  try {
    return await fn(log);
  } finally {
    proxy.observe(null);
  }
}

type PushBody = { mutations: { seq: number }[] };
type PushAnswer = { last_seq: number; results: { seq: number; status: string }[] };
const pushes = (log: ProxyExchange[]) => log.filter((e) => e.path === '/api/analytics/sync/push');
const seqsOf = (e: ProxyExchange) => (e.body as PushBody).mutations.map((m) => m.seq);
const statusesOf = (answer: { body: unknown }) => (answer.body as PushAnswer).results.map((r) => r.status);

/** Timers that only record what the engine schedules; tests fire them by hand. */
class RecordingTimers implements Timers {
  readonly scheduled: { ms: number; fn: () => void; cleared: boolean }[] = [];
  setTimeout(fn: () => void, ms: number): unknown {
    const t = { ms, fn, cleared: false };
    this.scheduled.push(t);
    return t;
  }
  clearTimeout(handle: unknown): void {
    (handle as { cleared: boolean }).cleared = true;
  }
  /** The delays of the timers still armed. */
  armed(): number[] {
    return this.scheduled.filter((t) => !t.cleared).map((t) => t.ms);
  }
}

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
    for (const fault of [{ kind: 'closeAfterResponse' as const }, { kind: 'delayResponse' as const, ms: 5_000 }]) {
      const { email, userId } = await account();
      const a = await device(email, START, { requestTimeoutMs: 1_500 });
      await manual(a, '2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z');
      const pending = (await a.engine.status()).pending;
      await watching(async (log) => {
        let n = 0;
        proxy.setPlan((r) => (r.path.endsWith('/sync/push') && ++n === 1 ? fault : { kind: 'pass' }));
        try {
          await expect(a.engine.syncNow(), fault.kind).rejects.toThrow();
          // Not trimmed: no response named it, though the server applied it.
          expect((await a.engine.status()).pending, fault.kind).toBe(pending);
          expect(await count('SELECT count(*)::int AS n FROM study_sessions WHERE user_id = $1', [userId])).toBe(1);
          proxy.setPlan(() => ({ kind: 'pass' }));
          await settle(a);
        } finally {
          proxy.setPlan(() => ({ kind: 'pass' }));
        }
        const [lost, resent] = pushes(log);
        expect(statusesOf(lost!.answers[0]!).every((st) => st === 'applied'), fault.kind).toBe(true);
        expect(seqsOf(resent!)).toEqual(seqsOf(lost!));
        expect(statusesOf(resent!.answers[0]!).every((st) => st === 'duplicate'), fault.kind).toBe(true);
      });
      expect(await a.engine.status()).toMatchObject({ state: 'synced', pending: 0 });
      expect(await ledgerPoints(platform.db, userId)).toBe(await ledgerPoints(a.core.db, a.core.userId));
      expect(await ledgerPoints(platform.db, userId)).toBe(await formulaPoints(platform.db, userId));
      expect(await count('SELECT count(*)::int AS n FROM study_sessions WHERE user_id = $1', [userId])).toBe(1);
    }
  });

  it('rolls back a batch the server failed in the middle of (500, and 503 with Retry-After), and applies it whole on retry', async () => {
    for (const [errcode, status] of [['internal_error', 500], ['serialization_failure', 503]] as const) {
      const { email, userId } = await account();
      const a = await device(email);
      for (let i = 0; i < 5; i++) await a.core.call('classes.create', { name: `Class ${i}` });
      await manual(a, '2026-03-10T08:00:00Z', '2026-03-10T09:00:00Z');
      const pending = (await a.engine.status()).pending;
      // The session insert fails once, after the classes of the same batch were applied.
      await platform.db.exec(`
        CREATE SEQUENCE fail_once;
        CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('fail_once') = 1 THEN RAISE EXCEPTION 'injected' USING ERRCODE = '${errcode}'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_once BEFORE INSERT ON study_sessions FOR EACH ROW EXECUTE FUNCTION fail_once();`);
      try {
        await watching(async (log) => {
          await expect(a.engine.syncNow()).rejects.toThrow();
          const [failed] = pushes(log);
          expect(failed!.answers.map((x) => x.status), errcode).toEqual([status]);
          expect(seqsOf(failed!)).toHaveLength(pending); // one batch: classes, session and its award
        });
        expect(await count('SELECT count(*)::int AS n FROM classes WHERE user_id = $1', [userId]), errcode).toBe(0);
        expect(await a.engine.status()).toMatchObject({ pending, state: 'error' });
        proxy.setPlan((r) => (r.n % 3 === 0 ? { kind: 'error500' } : { kind: 'pass' }));
        await settle(a);
      } finally {
        proxy.setPlan(() => ({ kind: 'pass' }));
        await platform.db.exec('DROP TRIGGER fail_once ON study_sessions; DROP FUNCTION fail_once(); DROP SEQUENCE fail_once;');
      }
      expect(await syncedState(platform.db, userId)).toEqual(await syncedState(a.core.db, a.core.userId));
      expect(await count('SELECT count(*)::int AS n FROM classes WHERE user_id = $1', [userId])).toBe(5);
    }
  });

  it('applies the same batch delivered twice, one after the other or concurrently, once', async () => {
    const { email, userId } = await account();
    const a = await device(email);
    for (const concurrent of [false, true]) {
      await manual(a, concurrent ? '2026-03-10T06:00:00Z' : '2026-03-10T04:30:00Z', concurrent ? '2026-03-10T07:00:00Z' : '2026-03-10T05:30:00Z');
      await watching(async (log) => {
        proxy.setPlan(() => ({ kind: 'duplicate', concurrent }));
        try {
          await settle(a);
        } finally {
          proxy.setPlan(() => ({ kind: 'pass' }));
        }
        const twice = pushes(log).filter((e) => e.fault.kind === 'duplicate');
        expect(twice.length, `concurrent ${concurrent}`).toBeGreaterThan(0);
        for (const e of twice) {
          // Per seq: one delivery applied it, the other was told it is a duplicate.
          const [x, y] = e.answers.map(statusesOf);
          expect(x!.map((st, i) => [st, y![i]].sort().join('+')), `concurrent ${concurrent}`).toEqual(x!.map(() => 'applied+duplicate'));
        }
      });
    }
    expect(await count('SELECT count(*)::int AS n FROM study_sessions WHERE user_id = $1', [userId])).toBe(2);
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
    // The refused session earns nothing on the platform, whatever its award said.
    expect(await ledgerPoints(platform.db, userId)).toBe(await formulaPoints(platform.db, userId));
    // Nothing is retried: the next cycle has nothing to push.
    const again = await watching(async (log) => (await fast.engine.syncNow(), pushes(log)));
    expect(again).toEqual([]);
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
    await watching(async (log) => {
      let n = 0;
      proxy.setPlan((r) => {
        if (r.path.endsWith('/sync/push') && ++n === 2) serverClock.advance(16 * 60_000);
        return { kind: 'pass' };
      });
      try {
        await a.engine.syncNow();
      } finally {
        proxy.setPlan(() => ({ kind: 'pass' }));
      }
      const sent = pushes(log);
      expect(sent.map((e) => e.answers[0]!.status)).toEqual([200, 401, 200]);
      expect(seqsOf(sent[2]!)).toEqual(seqsOf(sent[1]!)); // the very batch that met the 401
      expect(log.filter((e) => e.path === '/api/auth/refresh').map((e) => e.answers[0]!.status)).toEqual([200]);
    });
    expect(await a.engine.status()).toMatchObject({ state: 'synced', pending: 0 });
    expect(await count('SELECT count(*)::int AS n FROM classes WHERE user_id = $1', [userId])).toBe(150);
  });

  it('refreshes only once: a push still refused after a good refresh asks to sign in and keeps the queue', async () => {
    const { email } = await account();
    const a = await device(email);
    await manual(a, '2026-03-10T12:00:00Z', '2026-03-10T12:30:00Z');
    const pending = (await a.engine.status()).pending;
    await watching(async (log) => {
      proxy.setPlan((r) => (r.path.endsWith('/sync/push') ? { kind: 'status', status: 401 } : { kind: 'pass' }));
      try {
        await expect(a.engine.syncNow()).rejects.toThrow(/sign in/);
      } finally {
        proxy.setPlan(() => ({ kind: 'pass' }));
      }
      expect(pushes(log)).toHaveLength(2);
      expect(log.filter((e) => e.path === '/api/auth/refresh')).toHaveLength(1);
    });
    expect(await a.engine.status()).toMatchObject({ state: 'sign_in_needed', pending });
  });

  it('pauses while sign-in is needed or an update is required: writes go on, no network, the UI hears the count', async () => {
    for (const paused of ['sign_in_needed', 'update_required'] as const) {
      const { email } = await account();
      const timers = new RecordingTimers();
      const a = await device(email, START, { timers, ...(paused === 'update_required' ? { protocolVersion: 0 } : {}) });
      await a.engine.start();
      await manual(a, '2026-03-10T12:00:00Z', '2026-03-10T12:30:00Z');
      if (paused === 'sign_in_needed') proxy.setPlan((r) => (r.path.endsWith('/sync/push') ? { kind: 'status', status: 401 } : { kind: 'pass' }));
      try {
        await expect(a.engine.syncNow()).rejects.toThrow();
      } finally {
        proxy.setPlan(() => ({ kind: 'pass' }));
      }
      expect((await a.engine.status()).state).toBe(paused);
      const pending = (await a.engine.status()).pending;
      const armed = timers.armed();
      const heard: SyncStatus[] = [];
      const off = a.core.events.on('sync.changed', (st) => heard.push(st));
      try {
        const log = await watching(async (l) => {
          await a.core.call('classes.create', { name: 'Still writing' }); // the app keeps working
          await new Promise((r) => setTimeout(r, 100));
          return l;
        });
        expect(log, paused).toEqual([]);
        expect(timers.armed(), paused).toEqual(armed); // nothing new armed: no retry on each write
        expect(heard.at(-1), paused).toMatchObject({ state: paused, pending: pending + 1 });
      } finally {
        off();
        a.engine.stop();
      }
    }
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
    const { email, userId } = await account();
    const old = await device(email, START, { protocolVersion: 0 });
    await manual(old, '2026-03-10T13:00:00Z', '2026-03-10T13:30:00Z');
    const pending = (await old.engine.status()).pending;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(old.engine.syncNow()).rejects.toThrow(/update required/);
      expect(await old.engine.status()).toMatchObject({ state: 'update_required', pending, last_error: expect.stringMatching(/update required/) });
    }
    expect(pending).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM study_sessions WHERE user_id = $1', [userId])).toBe(0);
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
    const states: SyncStatus['state'][] = [];
    const off = a.core.events.on('sync.changed', (st) => states.push(st.state));
    try {
      await a.engine.start();
      const deadline = Date.now() + 30_000;
      while ((await a.engine.status()).state !== 'synced') {
        if (Date.now() > deadline) throw new Error(`never healed: ${JSON.stringify(await a.engine.status())}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      off();
      a.engine.stop();
      proxy.setPlan(() => ({ kind: 'pass' }));
    }
    expect(requests).toBeGreaterThan(4);
    // It went through the failure states on its own timers, and ended synced.
    expect(states).toContain('offline');
    expect(states).toContain('error');
    expect(states.at(-1)).toBe('synced');
    expect(await a.engine.status()).toMatchObject({ pending: 0, last_synced_at: expect.any(String) });
    expect(await syncedState(platform.db, userId)).toEqual(await syncedState(a.core.db, a.core.userId));
  });
  it('arms its own triggers: start-up, debounced local writes, jittered backoff honouring Retry-After, 60 s while pending', async () => {
    const { email } = await account();
    const timers = new RecordingTimers();
    const a = await device(email, START, { timers, debounceMs: 1_234, pendingPollMs: 60_000, backoffBaseMs: 1_000, random: () => 0.999 });
    await a.engine.start();
    expect(timers.armed()).toEqual([0]); // start-up, signed in: at once
    await a.core.call('classes.create', { name: 'One' });
    await a.core.call('classes.create', { name: 'Two' });
    expect(timers.armed()).toEqual([1_234]); // each write re-arms one debounce timer
    expect(timers.scheduled.filter((t) => t.ms === 1_234)).toHaveLength(2);

    const failing = async (fault: Parameters<FaultProxy['setPlan']>[0]) => {
      proxy.setPlan(fault);
      try {
        await expect(a.engine.syncNow()).rejects.toThrow();
      } finally {
        proxy.setPlan(() => ({ kind: 'pass' }));
      }
      return timers.armed();
    };
    // Jitter alone would wait at most 2 s; the server asked for 7.
    expect(await failing((r) => (r.path.endsWith('/sync/push') ? { kind: 'status', status: 503, retryAfter: '7' } : { kind: 'pass' }))).toEqual([7_000]);
    expect((await a.engine.status()).next_attempt_at).not.toBeNull();
    // Without Retry-After: full jitter under a doubling ceiling (random 0.999 of 4 s, then of 8 s).
    expect(await failing((r) => (r.path.endsWith('/sync/push') ? { kind: 'error500' } : { kind: 'pass' }))).toEqual([3_996]);
    expect(await failing((r) => (r.path.endsWith('/sync/push') ? { kind: 'drop' } : { kind: 'pass' }))).toEqual([7_992]);
    expect((await a.engine.status()).state).toBe('offline');

    // Healed, but a write lands while the cycle waits for its pull: its debounce stays armed (the
    // 60 s poll only backs it up), and once that push is through nothing is armed.
    await syncWithWriteDuringPull(a);
    expect(await a.engine.status()).toMatchObject({ state: 'pending', pending: expect.any(Number) });
    expect(timers.armed()).toEqual([1_234]);
    await a.engine.syncNow();
    expect(await a.engine.status()).toMatchObject({ state: 'synced', pending: 0 });
    a.engine.stop();
    expect(timers.armed()).toEqual([]);
  });

  it('polls every 60 s while changes are pending, when no write armed anything sooner', async () => {
    const { email } = await account();
    const timers = new RecordingTimers();
    const a = await device(email, START, { timers, debounceMs: 120_000 }); // default poll: 60 s
    await a.engine.start();
    await syncWithWriteDuringPull(a);
    expect((await a.engine.status()).pending).toBeGreaterThan(0);
    expect(timers.armed()).toEqual([60_000]);
    a.engine.stop();
  });

  it('answers the sync and account channels, and tells the UI through sync.changed', async () => {
    const { email, userId } = await account();
    const { core } = await device(email); // signed in by openDevice; start over through the channels
    await core.call('account.signOut', {});
    expect(await core.call('sync.status', {})).toMatchObject({ state: 'signed_out', signed_in: false, server_url: null });
    await expect(core.call('account.signIn', { server_url: proxy.url, email, password: 'wrong password' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const events: SyncStatus[] = [];
    const off = core.events.on('sync.changed', (st) => events.push(st));
    try {
      const signedIn = await core.call('account.signIn', { server_url: proxy.url, email, password: 'correct horse battery' });
      expect(signedIn).toMatchObject({ signed_in: true, email, server_url: proxy.url });
      await core.call('sessions.createManual', { start_time: '2026-03-10T09:00:00Z', end_time: '2026-03-10T10:00:00Z' });
      const before = await core.call('sync.status', {});
      expect(before.pending).toBeGreaterThan(0);
      expect(before.provisional_points).toBeGreaterThan(0); // earned here, not yet confirmed
      const local = (await core.call('points.summary', {})).total_points;
      expect(before.provisional_points).toBe(local);

      const now = await core.call('sync.now', {});
      expect(now.pushed).toBeGreaterThan(0);
      expect(now.status).toMatchObject({ state: 'synced', pending: 0, provisional_points: 0, last_synced_at: expect.any(String) });
      expect(await ledgerPoints(platform.db, userId)).toBe(local); // confirmed by the platform
      expect(events.map((e) => e.state)).toEqual(expect.arrayContaining(['pending', 'syncing', 'synced']));
      const last = events.at(-1)!;
      expect(last).toMatchObject({ state: 'synced', pending: 0, provisional_points: 0, last_synced_at: expect.any(String) });

      expect(await core.call('account.signOut', {})).toMatchObject({ status: { state: 'signed_out', signed_in: false } });
      expect(events.at(-1)!.state).toBe('signed_out');
      await core.call('classes.create', { name: 'Offline' });
      const idle = await watching(async (log) => ({ result: await core.call('sync.now', {}), log }));
      expect(idle.result).toMatchObject({ pushed: 0, pulled: 0, status: { state: 'signed_out', pending: 1 } });
      expect(idle.log).toEqual([]); // signed out: no network at all
    } finally {
      off();
    }
  });
});
