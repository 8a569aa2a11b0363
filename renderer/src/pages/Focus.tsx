import { useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/channels';
import type { TimerView } from '../../../shared/contract/timer';
import type { TimerMode } from '../../../shared/domain/timer';
import { hrefFor } from '../app/router';
import { ActivityPanel } from '../components/focus/ActivityPanel';
import { AwayDialog, awayText } from '../components/focus/AwayDialog';
import { type FocusPrefs, loadFocusPrefs, saveFocusPrefs } from '../components/focus/focus-prefs';
import { LastSession } from '../components/focus/LastSession';
import { achievementReward, milestoneReward, type Reward } from '../components/focus/rewards';
import { StopDialog, type StopRatings } from '../components/focus/StopDialog';
import { TimerFace, type TimerTone } from '../components/focus/TimerFace';
import { TodayPanel } from '../components/focus/TodayPanel';
import { PageHeader } from '../components/PageHeader';
import { ErrorBox, Loading } from '../components/States';
import { ApiError } from '../lib/call';
import { minutes as fmtMinutes } from '../lib/format';
import { useChannel } from '../lib/useChannel';
import { useTimerDisplay, useTimerStore } from '../stores/timer';
import { type TimerDisplay, timerText } from '../stores/timer-clock';
import { toast } from '../stores/toasts';

const MODE_LABELS: Record<TimerMode, string> = { pomodoro: 'Pomodoro', stopwatch: 'Stopwatch', countdown: 'Countdown' };
const MODES = Object.keys(MODE_LABELS) as TimerMode[];
const RECOVERED_KEY = 'study-desk.recovered-seen';
type StopField = 'mood_rating' | 'productivity_rating' | 'notes';

const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

function toneOf(view: TimerView): TimerTone {
  if (view.status === 'idle') return 'idle';
  if (view.status === 'focus') return 'focus';
  if (view.status === 'paused') return 'paused';
  return 'break';
}

/** Share of the ring to draw: time left in a timed phase, the current minute for the stopwatch. */
function ringFraction(d: TimerDisplay): number | null {
  if (d.totalMs) return d.ms / d.totalMs;
  if (d.kind === 'elapsed') return (d.ms % 60_000) / 60_000;
  return null;
}

/** Space starts, pauses or resumes, unless the student is typing or on a control that uses Space itself. */
function isShortcutTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  if (target.closest('input, textarea, select, button, a[href], summary, [contenteditable], [role="button"], [role="link"]')) return false;
  return !document.querySelector('dialog[open]');
}

export default function FocusPage() {
  const { display, error } = useTimerDisplay();
  const pending = useTimerStore((s) => s.pending);
  const timer = useTimerStore.getState(); // actions only: they never change
  const settings = useChannel('settings.get', {}, ['settings']);
  const classes = useChannel('classes.list', { include_archived: true }, ['classes']);

  const [prefs, setPrefs] = useState<FocusPrefs>(loadFocusPrefs);
  const [minutesDraft, setMinutesDraft] = useState<Partial<Record<TimerMode, string>>>({});
  const [minutesError, setMinutesError] = useState<string | null>(null);
  const minutesInput = useRef<HTMLInputElement>(null);
  const primaryButton = useRef<HTMLButtonElement>(null);
  // After a dialog closes on an element that no longer exists (Stop & save after saving), the
  // keyboard focus goes to the main button instead of getting lost.
  const [refocus, setRefocus] = useState(0);
  useEffect(() => {
    if (refocus) primaryButton.current?.focus();
  }, [refocus]);
  const [stop, setStop] = useState({ open: false, key: 0, resumeOnCancel: false, errors: {} as Partial<Record<StopField, string>> });
  const [awayLaterFor, setAwayLaterFor] = useState<string | null>(null);
  const [last, setLast] = useState<ChannelOutput<'timer.stop'> | null>(null);
  const [rewards, setRewards] = useState<Reward[]>([]);
  const [recoveredSeen, setRecoveredSeen] = useState(() => globalThis.localStorage?.getItem(RECOVERED_KEY));

  const view = display?.view;
  const running = !!view && view.status !== 'idle';
  const mode: TimerMode = running ? (view.mode ?? prefs.mode) : prefs.mode;
  const timed = mode !== 'stopwatch';
  const defaultMinutes = (mode !== 'stopwatch' && prefs.minutes[mode]) || settings.data?.focus_minutes || 25;
  const minutesText = minutesDraft[mode] ?? String(defaultMinutes);

  // While the timer runs, the window title carries it (visible in the task switcher).
  const titleText = running && display ? `${display.text} · ${display.label}` : null;
  useEffect(() => {
    if (!titleText) return;
    document.title = `${titleText} · Study Desk`;
    return () => {
      document.title = 'Focus · Study Desk';
    };
  }, [titleText]);

  async function onStart() {
    let minutes: number | undefined;
    if (timed) {
      const t = minutesText.trim();
      minutes = /^\d+$/.test(t) ? Number(t) : NaN;
      if (!(minutes >= 1 && minutes <= 720)) {
        setMinutesError('Enter whole minutes from 1 to 720');
        minutesInput.current?.focus();
        return;
      }
    }
    const known = classes.data?.classes.some((c) => c.id === prefs.class_id && !c.archived_at);
    const classId = known ? prefs.class_id : null;
    try {
      await timer.start({ mode, class_id: classId, ...(minutes ? { minutes } : {}) });
      const next: FocusPrefs = { ...prefs, class_id: classId, minutes: mode === 'stopwatch' ? prefs.minutes : { ...prefs.minutes, [mode]: minutes } };
      setPrefs(next);
      saveFocusPrefs(next);
      setMinutesError(null);
    } catch (err) {
      const issue = err instanceof ApiError ? err.issues?.find((i) => i.path === 'minutes') : undefined;
      if (issue) setMinutesError(issue.message);
      else toast.error(err);
    }
  }

  const attempt = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (err) {
      toast.error(err);
    }
  };

  /** Keep or discard: the question's buttons go away with it, so the focus moves to the main button. */
  const answerIdle = (fn: () => Promise<unknown>) => () => {
    if (useTimerStore.getState().pending) return;
    void attempt(fn)().then(() => setRefocus((n) => n + 1));
  };

  async function onStopClick() {
    // Pause first, so the minutes spent answering the dialog are not saved as focus.
    let resumeOnCancel = false;
    if (view?.status === 'focus') {
      try {
        await timer.pause();
        resumeOnCancel = true;
      } catch (err) {
        toast.error(err);
        return;
      }
    }
    setStop((s) => ({ open: true, key: s.key + 1, resumeOnCancel, errors: {} }));
  }

  async function onStopCancel() {
    setStop((s) => ({ ...s, open: false }));
    const now = useTimerStore.getState().view;
    if (stop.resumeOnCancel && now?.status === 'paused' && now.pause_reason === 'user') await attempt(timer.resume)();
  }

  async function onStopSave(ratings: StopRatings) {
    try {
      const result = await timer.stop(ratings);
      const earned = [...result.milestones.map(milestoneReward), ...result.achievements.map(achievementReward)];
      setRewards(earned);
      setLast(result);
      setStop((s) => ({ ...s, open: false }));
      setRefocus((n) => n + 1);
      toast.success(`Session saved: ${fmtMinutes(result.duration_minutes)} of focus, +${result.points_earned} points`);
      for (const reward of earned) toast.success(`${reward.kind === 'achievement' ? 'Achievement unlocked' : 'Milestone'}: ${reward.text}`);
    } catch (err) {
      const errors: Partial<Record<StopField, string>> = {};
      if (err instanceof ApiError) for (const i of err.issues ?? []) if (['mood_rating', 'productivity_rating', 'notes'].includes(i.path)) errors[i.path as StopField] ??= i.message;
      if (Object.keys(errors).length > 0) setStop((s) => ({ ...s, errors }));
      else {
        toast.error(err);
        if (useTimerStore.getState().view?.status === 'idle') setStop((s) => ({ ...s, open: false }));
      }
    }
  }

  function primaryAction(): (() => Promise<void>) | null {
    if (!view) return null;
    if (view.status === 'idle') return onStart;
    if (view.status === 'focus') return attempt(timer.pause);
    if (view.status === 'paused' && view.pause_reason !== 'finished') return attempt(timer.resume);
    return null;
  }
  const primaryRef = useRef(primaryAction);
  primaryRef.current = primaryAction;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.code !== 'Space' || e.repeat || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !isShortcutTarget(e.target)) return;
      const action = primaryRef.current();
      if (!action || useTimerStore.getState().pending) return;
      e.preventDefault();
      void action();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const header = (
    <PageHeader title="Focus">
      <p className="muted focus-shortcut">
        <kbd>Space</kbd> starts, pauses or resumes
      </p>
    </PageHeader>
  );
  if (!display || !view) return <>{header}{error ? <ErrorBox error={error} retry={() => void timer.load()} /> : <Loading label="Loading the timer…" />}</>;

  const plan = view.plan;
  const minutesValue = /^\d+$/.test(minutesText.trim()) ? Number(minutesText) : 0;
  const face = running
    ? { text: display.text, kind: display.kind, fraction: ringFraction(display), label: display.label }
    : { text: timed ? timerText(Math.min(minutesValue, 720) * 60_000, 'remaining') : '00:00', kind: timed ? ('remaining' as const) : ('elapsed' as const), fraction: timed ? 1 : null, label: 'Ready' };
  const classList = classes.data?.classes ?? [];
  const className = (id: string | null) => classList.find((c) => c.id === id)?.name ?? 'No class';
  const st = settings.data;
  const every = plan?.long_break_every ?? st?.long_break_every ?? 4;
  const busy = pending !== null;
  // Focus blocks done in the current round; the long break shows the round complete.
  const filledDots = !running ? 0 : view.status === 'long_break' ? every : view.completed_focus % every;
  const awayOpen = !!view.idle_since && awayLaterFor !== view.idle_since && !stop.open;
  const showRecovered = view.status === 'idle' && view.recovered && recoveredSeen !== view.recovered.session_id;

  let cycle: string;
  if (mode === 'pomodoro') {
    cycle = running
      ? `Focus blocks done: ${view.completed_focus}. A long break after every ${every}.`
      : st ? `${minutesValue || st.focus_minutes} min focus, ${st.short_break_minutes} min break, a ${st.long_break_minutes} min break after every ${every}.` : '';
  } else if (mode === 'countdown') cycle = 'Counts down once, then waits for you to save the session.';
  else cycle = 'Counts your focus time up until you stop.';

  const primary = 'btn btn-primary btn-large';
  const secondary = 'btn btn-large';
  // One button per slot, keyed, so keyboard focus stays on it when Start becomes Pause becomes
  // Resume. Busy buttons are aria-disabled, not disabled: a disabled button would drop the focus.
  const guard = (fn: (() => Promise<void>) | null) => () => {
    if (fn && !useTimerStore.getState().pending) void fn();
  };
  const primaryLabel = view.status === 'idle' ? 'Start focus' : view.status === 'focus' ? 'Pause'
    : view.status === 'paused' && view.pause_reason !== 'finished' ? 'Resume' : null;
  const skipLabel = view.mode === 'pomodoro' && view.status === 'focus' ? 'Skip to break'
    : view.status === 'short_break' || view.status === 'long_break' ? 'Skip break' : null;
  const controls = (
    <div className="focus-controls">
      {primaryLabel && (
        <button key="primary" ref={primaryButton} type="button" className={primary} onClick={guard(primaryAction())} aria-disabled={busy || undefined} aria-keyshortcuts="Space">
          {primaryLabel}
        </button>
      )}
      {skipLabel && (
        <button key="skip" type="button" className={secondary} onClick={guard(attempt(timer.skip))} aria-disabled={busy || undefined}>
          {skipLabel}
        </button>
      )}
      {running && (
        <button key="stop" type="button" className={view.pause_reason === 'finished' ? primary : secondary} onClick={guard(onStopClick)} aria-disabled={busy || undefined}>
          Stop &amp; save
        </button>
      )}
    </div>
  );

  const setup = (
    <div className="focus-setup">
      {timed && (
        <div className="field field-minutes">
          <label htmlFor="focus-minutes">{mode === 'pomodoro' ? 'Focus minutes' : 'Countdown minutes'}</label>
          <input
            id="focus-minutes"
            ref={minutesInput}
            type="number"
            inputMode="numeric"
            min={1}
            max={720}
            step={1}
            value={minutesText}
            onChange={(e) => {
              setMinutesDraft((d) => ({ ...d, [mode]: e.target.value }));
              setMinutesError(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && void onStart()}
            aria-invalid={minutesError ? true : undefined}
            aria-describedby={minutesError ? 'focus-minutes-error' : undefined}
          />
          {minutesError && <span id="focus-minutes-error" className="field-error">{minutesError}</span>}
        </div>
      )}
      <div className="field">
        <label htmlFor="focus-class">Class</label>
        <select
          id="focus-class"
          value={classList.some((c) => c.id === prefs.class_id && !c.archived_at) ? prefs.class_id! : ''}
          onChange={(e) => {
            const next = { ...prefs, class_id: e.target.value || null };
            setPrefs(next);
            saveFocusPrefs(next);
          }}
        >
          <option value="">No class</option>
          {classList.filter((c) => !c.archived_at).map((c) => (
            <option key={c.id} value={c.id}>{c.code ? `${c.name} (${c.code})` : c.name}</option>
          ))}
        </select>
      </div>
    </div>
  );

  return (
    <>
      {header}
      {showRecovered && view.recovered && (
        <div className="notice" role="status">
          <span>
            The timer was left running while the app was closed. Its session was saved up to {timeOfDay(view.recovered.end_time)}, the last moment the app was open.{' '}
            <a href={hrefFor('sessions', [view.recovered.session_id])}>Open the session</a>
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              localStorage.setItem(RECOVERED_KEY, view.recovered!.session_id);
              setRecoveredSeen(view.recovered!.session_id);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
      {view.idle_since && !awayOpen && !stop.open && (
        <div className="notice notice-warn" role="region" aria-label="Idle time">
          <span>{awayText(view)}</span>
          <span className="row">
            <button type="button" className="btn btn-small" onClick={answerIdle(timer.keepIdle)} aria-disabled={busy || undefined}>Keep the time</button>
            <button type="button" className="btn btn-small" onClick={answerIdle(timer.discardIdle)} aria-disabled={busy || undefined}>Discard idle time</button>
          </span>
        </div>
      )}
      <div className="focus-layout">
        <section className="card focus-timer" aria-label="Timer">
          <div className="segmented" role="group" aria-label="Timer mode">
            {MODES.map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                disabled={running}
                onClick={() => {
                  if (running) return;
                  const next = { ...prefs, mode: m };
                  setPrefs(next);
                  saveFocusPrefs(next);
                  setMinutesError(null);
                }}
              >
                {MODE_LABELS[m]}
              </button>
            ))}
          </div>
          <TimerFace {...face} tone={toneOf(view)} />
          {mode === 'pomodoro' && (
            <div className="cycle-dots" aria-hidden="true">
              {Array.from({ length: every }, (_, i) => (
                <span key={i} className={i < filledDots ? 'done' : ''} />
              ))}
            </div>
          )}
          <p className="muted focus-cycle">{cycle}</p>
          {!running && setup}
          {controls}
          {running && (
            <dl className="focus-facts">
              <div><dt>Class</dt><dd>{className(view.class_id)}</dd></div>
              {view.session_started_at && <div><dt>Started</dt><dd>{timeOfDay(view.session_started_at)}</dd></div>}
              <div><dt>Focused</dt><dd className="num">{fmtMinutes(Math.floor(view.focus_ms / 60_000))}</dd></div>
              <div><dt>Paused</dt><dd className="num">{fmtMinutes(Math.floor(view.paused_total_ms / 60_000))}</dd></div>
            </dl>
          )}
        </section>
        <div className="stack focus-side">
          <section className="card" aria-labelledby="focus-today-heading">
            <h2 id="focus-today-heading">Today</h2>
            <TodayPanel liveFocusMs={running ? view.focus_ms : 0} />
          </section>
          <section className="card" aria-labelledby="focus-activity-heading">
            <h2 id="focus-activity-heading">Log an activity</h2>
            {running && view.session_id ? (
              <ActivityPanel sessionId={view.session_id} />
            ) : (
              <p className="muted">Start focus to log what you do in the session: reading, a test, flashcards… with items and accuracy.</p>
            )}
          </section>
          {last && <LastSession result={last} rewards={rewards} />}
        </div>
      </div>
      <StopDialog
        key={stop.key}
        open={stop.open}
        focusMinutes={Math.floor(view.focus_ms / 60_000)}
        saving={pending === 'stop'}
        errors={stop.errors}
        onSave={(r) => void onStopSave(r)}
        onCancel={() => void onStopCancel()}
      />
      <AwayDialog
        open={awayOpen}
        view={view}
        busy={busy}
        onKeep={answerIdle(timer.keepIdle)}
        onDiscard={answerIdle(timer.discardIdle)}
        onLater={() => setAwayLaterFor(view.idle_since)}
      />
    </>
  );
}
