import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import { CORE_EVENT_NAMES } from '../../shared/contract/events';
import { CHANNELS, EVENTS } from '../preload/channels';

describe('the preload channel list', () => {
  it('is exactly the contract: every channel and event, nothing more', () => {
    expect([...CHANNELS].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...EVENTS].sort()).toEqual([...CORE_EVENT_NAMES].sort());
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
  });

  it('imports nothing but electron and its own lists (sandboxed: no npm packages)', () => {
    const source = readFileSync(fileURLToPath(new URL('../preload/index.ts', import.meta.url)), 'utf8');
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtimeImports.sort()).toEqual(['../shell/ipc-names', './channels', 'electron']);
    expect(readFileSync(fileURLToPath(new URL('../preload/channels.ts', import.meta.url)), 'utf8')).not.toMatch(/^import /m);
    expect(readFileSync(fileURLToPath(new URL('./ipc-names.ts', import.meta.url)), 'utf8')).not.toMatch(/^import /m);
  });
});
