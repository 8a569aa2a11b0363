import { hrefFor } from '../../app/router';
import { minutes } from '../../lib/format';
import { useChannel } from '../../lib/useChannel';
import { useTimerDisplay } from '../../stores/timer';

const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });

/** The timer (or an untimed open session) as it runs, with the way back to Focus. */
export function ActiveSessionCard() {
  const { display } = useTimerDisplay();
  const timerIdle = !display || display.view.status === 'idle';
  // A session can also be open without the timer (started from the CLI or the platform).
  const open = useChannel('sessions.active', {}, ['sessions'], { enabled: timerIdle });
  const classes = useChannel('classes.list', { include_archived: true }, ['classes']);
  const view = display?.view;

  let body;
  if (view && view.status !== 'idle') {
    const className = classes.data?.classes.find((c) => c.id === view.class_id)?.name;
    body = (
      <>
        <div className="active-timer">
          <span className={`active-dot active-dot-${view.status === 'focus' ? 'focus' : view.status === 'paused' ? 'paused' : 'break'}`} aria-hidden="true" />
          <span className="stat-value num">{display!.text}</span>
          <span className="muted">{display!.kind === 'remaining' ? 'left' : 'elapsed'} · {display!.label}</span>
        </div>
        <p className="muted">
          {className ?? 'No class'}
          {view.session_started_at && ` · started ${timeOfDay(view.session_started_at)}`} · {minutes(Math.floor(view.focus_ms / 60_000))} focused
        </p>
        {view.idle_since && <p className="badge badge-warn">You were away: answer on the Focus page</p>}
        <a className="btn btn-primary" href={hrefFor('focus')}>Open Focus</a>
      </>
    );
  } else if (open.data?.session) {
    const s = open.data.session;
    body = (
      <>
        <p>
          A session {s.class_name ? `for ${s.class_name} ` : ''}started at {timeOfDay(s.start_time)} is open without the timer.
        </p>
        <a className="btn" href={hrefFor('sessions', [s.id])}>Open the session</a>
      </>
    );
  } else {
    body = (
      <>
        <p className="muted">No session running.</p>
        <a className="btn btn-primary" href={hrefFor('focus')}>Open Focus</a>
      </>
    );
  }

  return (
    <section className="card dash-card" aria-labelledby="dash-active-heading">
      <h2 id="dash-active-heading">Active session</h2>
      {body}
    </section>
  );
}
