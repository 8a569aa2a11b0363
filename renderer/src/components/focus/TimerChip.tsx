import { hrefFor, useRouter } from '../../app/router';
import { useTimerDisplay } from '../../stores/timer';

/** The running timer in the sidebar, on every page but Focus itself; a link back to it. */
export function TimerChip() {
  const { display } = useTimerDisplay();
  const onFocusPage = useRouter((s) => s.route.page === 'focus');
  if (!display || display.view.status === 'idle' || onFocusPage) return null;
  const away = display.view.idle_since !== null;
  const tone = display.view.status === 'focus' ? 'focus' : display.view.status === 'paused' ? 'paused' : 'break';
  return (
    <a className={`timer-chip timer-chip-${tone}`} href={hrefFor('focus')}>
      <span className="timer-chip-dot" aria-hidden="true" />
      <span className="visually-hidden">Timer: </span>
      <span className="timer-chip-label">{away ? 'Away?' : display.label}</span>
      <span className="timer-chip-time num">{display.text}</span>
    </a>
  );
}
