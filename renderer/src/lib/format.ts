// Display formatting, in the student's locale. Times are shown in the zone the core reports.

/** 95 → "1 h 35 min"; 40 → "40 min". */
export function minutes(total: number): string {
  const m = Math.round(total);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** 83_000 ms → "01:23"; an hour or more → "1:01:23". */
export function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function percent(value: number | null | undefined, digits = 0): string {
  return value == null ? '—' : `${value.toFixed(digits)} %`;
}

export function dateTime(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** A calendar date 'YYYY-MM-DD' shown as e.g. "Mon, 23 Nov 2026" (no zone shift: it is a date). */
export function day(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
