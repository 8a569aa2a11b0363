import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_DIR } from '../core/core';
import type { FromCore, ToCore, UtilityInit } from '../core/hosts/utility-protocol';
import { CoreBridge, type CoreProcess, type Timers } from './core-bridge';
import { forkCore } from './test-support/fork-core';

const INIT: UtilityInit = { type: 'init', dataDir: '/nowhere', tokenFile: '/nowhere.json', sealTokens: true, startSync: false };

/** A scripted core: records what main posts, answers when told. */
class FakeCore implements CoreProcess {
  readonly posted: ToCore[] = [];
  private listener: (m: FromCore) => void = () => undefined;
  private exitListener: (code: number | null) => void = () => undefined;
  killed = false;
  post(m: ToCore) {
    this.posted.push(m);
  }
  onMessage(fn: (m: FromCore) => void) {
    this.listener = fn;
  }
  onExit(fn: (code: number | null) => void) {
    this.exitListener = fn;
  }
  kill() {
    this.killed = true;
  }
  say(m: FromCore) {
    this.listener(m);
  }
  die(code: number | null = null) {
    this.exitListener(code);
  }
  invokes() {
    return this.posted.filter((m): m is Extract<ToCore, { type: 'invoke' }> => m.type === 'invoke');
  }
}

/** Timers that run only when the test moves time. */
class FakeTimers implements Timers {
  now = 0;
  private seq = 0;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number) {
    const id = ++this.seq;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.due.delete(handle as number);
  }
  advance(ms: number) {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].fn();
    }
    this.now = end;
  }
}

function setup(extra: Partial<ConstructorParameters<typeof CoreBridge>[0]> = {}) {
  const cores: FakeCore[] = [];
  const timers = new FakeTimers();
  const bridge = new CoreBridge({
    spawn: () => {
      const c = new FakeCore();
      cores.push(c);
      return c;
    },
    init: INIT,
    timers,
    clock: () => timers.now,
    timeoutMs: () => 1_000,
    restartDelayMs: () => 100,
    ...extra,
  });
  return { bridge, cores, timers };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('CoreBridge with a scripted core', () => {
  it('sends init first and answers each call with the result of its own request id', async () => {
    const { bridge, cores } = setup();
    const started = bridge.start();
    const core = cores[0]!;
    expect(core.posted[0]).toEqual(INIT);
    core.say({ type: 'ready', pid: 1 });
    await started;
    const a = bridge.invoke('timer.state', {});
    const b = bridge.invoke('classes.list', { include_archived: true });
    const [ia, ib] = core.invokes();
    expect(ia).toMatchObject({ channel: 'timer.state' });
    expect(ib).toMatchObject({ channel: 'classes.list', input: { include_archived: true } });
    // Out of order: each call still gets its own answer.
    core.say({ type: 'result', id: ib!.id, result: { ok: true, data: 'classes' } });
    core.say({ type: 'result', id: ia!.id, result: { ok: true, data: 'timer' } });
    expect(await a).toEqual({ ok: true, data: 'timer' });
    expect(await b).toEqual({ ok: true, data: 'classes' });
  });

  it('answers UNAVAILABLE when the core does not answer in time, and ignores the late answer', async () => {
    const { bridge, cores, timers } = setup();
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    const call = bridge.invoke('reports.weekly', {});
    timers.advance(999);
    await flush();
    timers.advance(1);
    const result = await call;
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(!result.ok && result.error.message).toMatch(/did not answer reports\.weekly within 1 s/);
    const id = cores[0]!.invokes()[0]!.id;
    expect(() => cores[0]!.say({ type: 'result', id, result: { ok: true, data: 1 } })).not.toThrow();
  });

  it('rejects start with the core error (LOCKED) and answers later calls UNAVAILABLE without restarting', async () => {
    const { bridge, cores, timers } = setup();
    const started = bridge.start();
    cores[0]!.say({ type: 'failed', error: { code: 'LOCKED', message: 'data dir is in use by process 42' } });
    await expect(started).rejects.toMatchObject({ code: 'LOCKED' });
    expect(cores[0]!.killed).toBe(true);
    cores[0]!.die(1);
    timers.advance(10_000);
    expect(cores).toHaveLength(1);
    expect(await bridge.invoke('timer.state', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('restarts a core that died: in-flight calls answer UNAVAILABLE, queued ones go to the new core', async () => {
    const { bridge, cores, timers } = setup();
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    const states: string[] = [];
    bridge.onState((s) => states.push(s));
    const inFlight = bridge.invoke('sessions.end', { session_id: 'x' });
    cores[0]!.die(null);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const queued = bridge.invoke('timer.state', {});
    timers.advance(100);
    expect(cores).toHaveLength(2);
    expect(cores[1]!.posted).toEqual([INIT]); // nothing is sent before the new core is open
    cores[1]!.say({ type: 'ready', pid: 2 });
    const [sent] = cores[1]!.invokes();
    expect(sent).toMatchObject({ channel: 'timer.state' });
    cores[1]!.say({ type: 'result', id: sent!.id, result: { ok: true, data: 'resumed' } });
    expect(await queued).toEqual({ ok: true, data: 'resumed' });
    expect(states).toEqual(['restarting', 'ready']);
    // The dead core's late messages are ignored.
    expect(() => cores[0]!.say({ type: 'result', id: sent!.id, result: { ok: true, data: 'stale' } })).not.toThrow();
  });

  it('keeps a call queued while the core restarts through a second death, until the core that opens answers it', async () => {
    const { bridge, cores, timers } = setup();
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    cores[0]!.die(1);
    const queued = bridge.invoke('timer.state', {});
    timers.advance(100);
    cores[1]!.die(1); // dies again before it opened: the queued call was never sent, so it waits on
    timers.advance(100);
    expect(cores).toHaveLength(3);
    expect(cores[1]!.invokes()).toEqual([]);
    cores[2]!.say({ type: 'ready', pid: 3 });
    const [sent] = cores[2]!.invokes();
    expect(sent).toMatchObject({ channel: 'timer.state' });
    cores[2]!.say({ type: 'result', id: sent!.id, result: { ok: true, data: 'resumed' } });
    expect(await queued).toEqual({ ok: true, data: 'resumed' });
  });

  it('times out a call queued during a restart that takes too long, and never sends it later', async () => {
    const { bridge, cores, timers } = setup({ timeoutMs: () => 1_000, restartDelayMs: () => 100 });
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    cores[0]!.die(1);
    const queued = bridge.invoke('goals.list', {});
    timers.advance(1_000);
    expect(await queued).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/did not answer goals\.list/) } });
    cores[1]!.say({ type: 'ready', pid: 2 });
    expect(cores[1]!.invokes()).toEqual([]);
  });

  it('matches answers by request id only: an unknown or repeated id answers nothing', async () => {
    const { bridge, cores } = setup();
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    let answered: unknown = null;
    void bridge.invoke('timer.state', {}).then((r) => (answered = r));
    const [call] = cores[0]!.invokes();
    cores[0]!.say({ type: 'result', id: call!.id + 1000, result: { ok: true, data: 'someone else' } });
    await flush();
    expect(answered).toBeNull();
    cores[0]!.say({ type: 'result', id: call!.id, result: { ok: true, data: 'mine' } });
    cores[0]!.say({ type: 'result', id: call!.id, result: { ok: true, data: 'again' } });
    await flush();
    expect(answered).toEqual({ ok: true, data: 'mine' });
    expect(new Set(cores[0]!.invokes().map((m) => m.id)).size).toBe(1);
  });

  it('gives up after too many deaths in a short time', async () => {
    const { bridge, cores, timers } = setup({ maxRestarts: 2, restartWindowMs: 60_000 });
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    for (let i = 0; i < 3; i++) {
      cores.at(-1)!.die(1);
      timers.advance(100);
    }
    expect(cores).toHaveLength(3);
    expect(bridge.status).toBe('failed');
  });

  it('relays events and seals token text with the sealer', async () => {
    const sealer = { encrypt: (s: string) => `sealed:${s}`, decrypt: (s: string) => s.replace(/^sealed:/, '') };
    const { bridge, cores } = setup({ sealer });
    const seen: unknown[] = [];
    bridge.onEvent((name, payload) => seen.push([name, payload]));
    const started = bridge.start();
    const core = cores[0]!;
    core.say({ type: 'cipher', id: 7, op: 'encrypt', text: 'token' });
    core.say({ type: 'cipher', id: 8, op: 'decrypt', text: 'sealed:token' });
    expect(core.posted.slice(1)).toEqual([
      { type: 'cipher.result', id: 7, ok: true, text: 'sealed:token' },
      { type: 'cipher.result', id: 8, ok: true, text: 'token' },
    ]);
    core.say({ type: 'ready', pid: 1 });
    await started;
    core.say({ type: 'event', name: 'data.changed', payload: { entities: ['sessions'], ids: [] } });
    expect(seen).toEqual([['data.changed', { entities: ['sessions'], ids: [] }]]);
  });

  it('close asks the core to close its database and kills it only if it never answers', async () => {
    const { bridge, cores, timers } = setup({ closeTimeoutMs: 5_000 });
    const started = bridge.start();
    cores[0]!.say({ type: 'ready', pid: 1 });
    await started;
    const closed = bridge.close();
    expect(cores[0]!.posted.at(-1)).toEqual({ type: 'close' });
    timers.advance(5_000);
    await closed;
    expect(cores[0]!.killed).toBe(true);
    expect(await bridge.invoke('timer.state', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});

describe('CoreBridge with the real utility host', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('keeps the running timer when the core is killed and restarted, and closes the database on quit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-bridge-'));
    dirs.push(dir);
    const dataDir = join(dir, 'pgdata');
    const bridge = new CoreBridge({
      spawn: () => forkCore(children),
      init: { type: 'init', dataDir, templateDir: DEFAULT_TEMPLATE_DIR, tokenFile: join(dir, 'tokens'), sealTokens: false, startSync: false },
      restartDelayMs: () => 0,
    });
    const events: string[] = [];
    bridge.onEvent((name) => events.push(name));
    await bridge.start();
    const started = await bridge.invoke('timer.start', { mode: 'pomodoro' });
    expect(started).toMatchObject({ ok: true, data: { status: 'focus' } });
    const sessionId = started.ok ? (started.data as { session_id: string }).session_id : '';
    expect(events).toContain('timer.changed');
    expect(existsSync(`${dataDir}.lock`)).toBe(true);

    const restarted = new Promise<string[]>((done) => {
      const seen: string[] = [];
      bridge.onState((state) => {
        seen.push(state);
        if (state === 'ready') done(seen);
      });
    });
    children.at(-1)!.kill('SIGKILL');
    expect(await restarted).toEqual(['restarting', 'ready']);
    const after = await bridge.invoke('timer.state', {});
    expect(children).toHaveLength(2);
    expect(after).toMatchObject({ ok: true, data: { status: 'focus', session_id: sessionId } });
    const invalid = await bridge.invoke('timer.start', { mode: 'nope' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    await bridge.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
