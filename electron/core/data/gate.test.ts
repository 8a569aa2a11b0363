import { describe, expect, it } from 'vitest';
import { CallGate } from './gate';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('the call gate', () => {
  it('lets calls run together, and an exclusive call wait for them and hold back new ones', async () => {
    const gate = new CallGate();
    const log: string[] = [];
    const call = (name: string, ms: number) => gate.shared(async () => {
      log.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${name} end`);
    });
    const a = call('a', 30);
    const b = call('b', 10);
    await tick();
    const restore = gate.exclusive(async () => {
      log.push('restore start');
      await new Promise((r) => setTimeout(r, 20));
      log.push('restore end');
    });
    await tick();
    const c = call('c', 1);
    await Promise.all([a, b, restore, c]);
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end', 'restore start', 'restore end', 'c start', 'c end']);
  });

  it('runs background work only when nothing else runs or waits', async () => {
    const gate = new CallGate();
    let release!: () => void;
    const busy = gate.shared(() => new Promise<void>((r) => (release = r)));
    expect(await gate.ifIdle(async () => 'ran')).toBeNull();
    release();
    await busy;
    expect(await gate.ifIdle(async () => 'ran')).toBe('ran');
  });

  it('frees the gate when an exclusive call fails', async () => {
    const gate = new CallGate();
    await expect(gate.exclusive(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await gate.shared(async () => 1)).toBe(1);
  });
});

describe('the call gate, re-entered', () => {
  it('lets work inside a call take the gate again without waiting for an exclusive call queued behind it', async () => {
    const gate = new CallGate();
    const log: string[] = [];
    let proceed!: () => void;
    const call = gate.shared(async () => {
      await new Promise<void>((r) => (proceed = r));
      await gate.shared(async () => void log.push('nested call')); // would deadlock without re-entry
    });
    await tick();
    const restore = gate.exclusive(async () => void log.push('restore'));
    await tick();
    proceed();
    await Promise.all([call, restore]);
    expect(log).toEqual(['nested call', 'restore']);
  });

  it('does not lend a finished call’s hold to a timer it left behind', async () => {
    const gate = new CallGate();
    const log: string[] = [];
    let later!: Promise<void>;
    await gate.shared(async () => {
      later = new Promise((resolve) => setTimeout(() => void gate.shared(async () => void log.push('timer')).then(resolve), 20));
    });
    const restore = gate.exclusive(async () => {
      await new Promise((r) => setTimeout(r, 40));
      log.push('restore');
    });
    await Promise.all([later, restore]);
    expect(log).toEqual(['restore', 'timer']);
  });
});
