import type { Result } from '../../shared/contract/errors';
import type { TimerView } from '../../shared/contract/timer';

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

/** Whether the OS tells us how long the user has been away (Settings shows it). */
export type IdleSupport = 'supported' | 'unsupported' | 'unknown';

export interface IdleReader {
  /** powerMonitor.getSystemIdleTime(): seconds since the last input. */
  read(): number;
  platform: NodeJS.Platform;
  /** XDG_SESSION_TYPE on Linux. */
  sessionType?: string | undefined;
}

export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface PowerPolicyOptions {
  invoke: Invoke;
  idle: IdleReader;
  clock?: () => number;
  timers?: IntervalTimers;
  pollMs?: number;
  /** Every timer view a power event produced (main feeds it to the tray and the window). */
  onView?: (view: TimerView) => void;
  onSupportChange?: (support: IdleSupport) => void;
}

const realTimers: IntervalTimers = { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (h) => clearInterval(h as NodeJS.Timeout) };
const iso = (t: number) => new Date(t).toISOString();

/**
 * The power and idle policy of DESIGN §7, on top of the core's timer:
 * - suspend or lock: pause a running focus at the instant the event arrived (`timer.pause` with
 *   `at`, so a late delivery still pauses at the right moment);
 * - resume or unlock: ask the core for the timer, which recomputes from its timestamps (a break
 *   that ran out while asleep is over; nothing starts by itself);
 * - idle: poll the seconds since the last input; past the threshold, tell the core when idleness
 *   began (`timer.idle {since}`) and the core pauses there and asks keep or discard.
 *
 * On Wayland Electron reads 0 (it cannot see input there): until a non-zero reading proves
 * otherwise the policy reports idle detection as unsupported and never pauses for idleness.
 */
export class PowerIdlePolicy {
  private timer: TimerView | null = null;
  private thresholdSeconds = 300;
  private mediaThresholdSeconds = 900;
  private media = false;
  private reported = false;
  private handle: unknown = null;
  private supportState: IdleSupport;
  private readonly clock: () => number;
  private readonly timers: IntervalTimers;

  constructor(private readonly options: PowerPolicyOptions) {
    this.clock = options.clock ?? Date.now;
    this.timers = options.timers ?? realTimers;
    const wayland = options.idle.platform === 'linux' && options.idle.sessionType === 'wayland';
    this.supportState = wayland ? 'unsupported' : 'unknown';
  }

  get support(): IdleSupport {
    return this.supportState;
  }

  setTimer(view: TimerView): void {
    this.timer = view;
    if (view.idle_since !== null || view.status === 'idle') this.reported = view.idle_since !== null;
    this.schedule();
  }

  setThresholds(seconds: number, mediaSeconds: number): void {
    this.thresholdSeconds = seconds;
    this.mediaThresholdSeconds = mediaSeconds;
  }

  /** Reading or watching a video: input stops without the student leaving (the longer threshold). */
  setMediaActivity(media: boolean): void {
    this.media = media;
  }

  async suspend(): Promise<void> {
    const at = iso(this.clock());
    if (this.timer?.status !== 'focus') return;
    await this.call('timer.pause', { at, reason: 'suspend' });
  }

  async resume(): Promise<void> {
    this.reported = false;
    await this.call('timer.state', {});
  }

  /** One idle reading (the interval calls it; tests call it directly). */
  async poll(): Promise<void> {
    const seconds = this.readIdle();
    if (seconds === null || !this.timer) return;
    const threshold = this.media ? this.mediaThresholdSeconds : this.thresholdSeconds;
    if (seconds < threshold) {
      this.reported = false;
      return;
    }
    const running = this.timer.status === 'focus' || this.timer.status === 'short_break' || this.timer.status === 'long_break';
    if (!running || this.reported || this.timer.idle_since !== null) return;
    this.reported = true;
    await this.call('timer.idle', { since: iso(this.clock() - seconds * 1000) });
  }

  stop(): void {
    if (this.handle !== null) this.timers.clearInterval(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    const wanted = !!this.timer && this.timer.status !== 'idle' && this.timer.status !== 'paused';
    if (wanted && this.handle === null) {
      this.handle = this.timers.setInterval(() => void this.poll().catch((err: unknown) => console.error('idle poll failed', err)), this.options.pollMs ?? 10_000);
    } else if (!wanted) {
      this.stop();
    }
  }

  private readIdle(): number | null {
    let seconds: number;
    try {
      seconds = this.options.idle.read();
    } catch {
      this.setSupport('unsupported');
      return null;
    }
    if (!Number.isFinite(seconds) || seconds < 0) {
      this.setSupport('unsupported');
      return null;
    }
    if (seconds > 0) this.setSupport('supported');
    if (this.supportState === 'unsupported') return null;
    return seconds;
  }

  private setSupport(support: IdleSupport): void {
    if (this.supportState === support) return;
    this.supportState = support;
    this.options.onSupportChange?.(support);
  }

  private async call(channel: string, input: unknown): Promise<void> {
    const result = await this.options.invoke(channel, input);
    if (result.ok) {
      const view = result.data as TimerView;
      this.setTimer(view);
      this.options.onView?.(view);
    } else if (result.error.code !== 'CONFLICT') {
      console.error(`${channel} failed: ${result.error.message}`);
    }
  }
}

/** The powerMonitor events the policy follows (Electron's powerMonitor; a fake in tests). */
export interface PowerEvents {
  on(event: 'suspend' | 'lock-screen' | 'resume' | 'unlock-screen', listener: () => void): unknown;
}

/** Suspend and lock pause (at the instant they arrive); resume and unlock recompute from the core. */
export function watchPower(monitor: PowerEvents, policy: Pick<PowerIdlePolicy, 'suspend' | 'resume'>): void {
  const run = (what: string, step: () => Promise<void>) => () => void step().catch((err: unknown) => console.error(`${what} failed`, err));
  monitor.on('suspend', run('suspend', () => policy.suspend()));
  monitor.on('lock-screen', run('lock-screen', () => policy.suspend()));
  monitor.on('resume', run('resume', () => policy.resume()));
  monitor.on('unlock-screen', run('unlock-screen', () => policy.resume()));
}
