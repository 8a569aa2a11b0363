import { DateTime } from 'luxon';
import { addDays, daysBetween } from '../../../shared/domain/calendar';
import { studyDay } from '../../../shared/domain/study-day';
import {
  ACTIVITY_KINDS,
  ACTIVITY_WEIGHTS,
  type ActivityKind,
  ASSIGNMENT_KINDS,
  CLASSES,
  classesIn,
  CONTENT_TYPES,
  HOME_LOCATIONS,
  NOTES,
  SEMESTER_DAYS,
  semesterOf,
  TRIP_LOCATIONS,
} from './catalog';
import { type GoalPlan, planGoals } from './goal-plan';
import { Rng } from './random';

/** Everything the demo needs to know about its student; the plan is a pure function of it. */
export interface PlanOptions {
  years: number;
  /** ISO instant: the dataset's "now"; nothing ends after it. */
  end: string;
  seed: number;
  timeZone: string;
  rolloverHour: number;
  streakMinMinutes: number;
}

export interface ClassRow {
  id: string;
  name: string;
  code: string;
  color: string;
  archived_at: string | null;
  created_at: string;
}

export interface SessionRow {
  id: string;
  class_id: string | null;
  start_time: string;
  end_time: string;
  session_type: 'solo' | 'group' | 'tutoring';
  focus_mode: string | null;
  location: string | null;
  notes: string | null;
  mood_rating: number | null;
  productivity_rating: number | null;
  time_zone: string;
  paused_seconds: number;
  source: 'timer' | 'manual';
}

export interface ActivityRow {
  id: string;
  session_id: string;
  activity_type: ActivityKind;
  content_type: string;
  content_id: string;
  start_time: string;
  end_time: string;
  items_completed: number | null;
  items_correct: number | null;
  metadata: Record<string, unknown>;
}

export interface AssignmentRow {
  id: string;
  class_id: string;
  title: string;
  description: string | null;
  due_at: string;
  status: 'pending' | 'in_progress' | 'completed';
  completed_at: string | null;
  created_at: string;
}

/** One study day's rows, written together as of `now` (its last session's end). */
export interface DayPlan {
  day: string;
  now: string;
  sessions: SessionRow[];
  activities: ActivityRow[];
}

export interface DemoPlan {
  firstDay: string;
  lastDay: string;
  classes: ClassRow[];
  days: DayPlan[];
  assignments: AssignmentRow[];
  goals: GoalPlan;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A month abroad (another zone, crossing a DST change where the span allows), for zone-aware code. */
function tripOf(firstDay: string, spanDays: number, home: string) {
  if (spanDays < 20) return null;
  const length = Math.min(30, Math.floor(spanDays * 0.25));
  let start = addDays(firstDay, Math.floor(spanDays * 0.45));
  if (spanDays > 400) {
    while (start.slice(5) !== '03-10') start = addDays(start, 1);
  }
  const zone = home.startsWith('America/') ? 'Asia/Tokyo' : 'America/New_York';
  return { start, end: addDays(start, length - 1), zone };
}

function studyChance(day: string, daysToEnd: number): number {
  if (daysToEnd < 50) return 1; // a live streak for the dashboard and the streak goals
  const month = Number(day.slice(5, 7));
  const date = Number(day.slice(8, 10));
  const weekend = [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
  let p = 0.87;
  if (month === 7 || month === 8) p = 0.45;
  else if ((month === 12 && date >= 22) || (month === 1 && date <= 4)) p = 0.3;
  else if (month === 12 || month === 5 || (month === 1 && date > 20)) p = 0.97;
  return weekend ? p * 0.8 : p;
}

const isExamTime = (day: string) => ['05', '12'].includes(day.slice(5, 7));

function wallMinutes(rng: Rng): number {
  const kind = rng.weighted(['pomodoro', 'block', 'marathon'], [45, 40, 15]);
  if (kind === 'pomodoro') return rng.int(20, 50);
  if (kind === 'block') return rng.int(45, 100);
  return rng.int(90, 150);
}

const rating = (rng: Rng) => (rng.chance(0.08) ? null : rng.weighted([1, 2, 3, 4, 5], [1, 2, 4, 5, 3]));

/** The student's accuracy on a day: improves over the years, lower in hard classes. */
function accuracy(rng: Rng, progress: number, difficulty: number, bonus: number): number {
  return clamp(0.72 + 0.15 * progress - 0.15 * difficulty + bonus + 0.1 * rng.normal(), 0.05, 1);
}

function planActivities(rng: Rng, session: SessionRow, startMs: number, endMs: number, progress: number, difficulty: number, code: string): ActivityRow[] {
  const wallMin = (endMs - startMs) / MINUTE;
  const count = clamp(Math.round((wallMin / 6.2) * (0.6 + 0.8 * rng.next())), 1, Math.max(1, Math.floor(wallMin / 2)));
  const weights = Array.from({ length: count }, () => 0.5 + rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const wallSec = Math.floor((endMs - startMs) / 1000);
  const rows: ActivityRow[] = [];
  let acc = 0;
  let from = startMs;
  for (let i = 0; i < count; i++) {
    acc += weights[i]!;
    const to = i === count - 1 ? endMs : startMs + Math.round((acc / total) * wallSec) * 1000;
    const type = rng.weighted(ACTIVITY_KINDS, ACTIVITY_WEIGHTS[session.session_type]);
    let completed: number | null = null;
    let correct: number | null = null;
    let metadata: Record<string, unknown> = {};
    if (type === 'testing') {
      if (rng.chance(0.025)) {
        completed = correct = rng.int(10, 30); // a perfect test
      } else {
        completed = rng.int(5, 40);
        correct = clamp(Math.round(completed * accuracy(rng, progress, difficulty, 0)), 0, completed);
      }
    } else if (type === 'flashcards') {
      completed = rng.int(10, 120);
      correct = clamp(Math.round(completed * accuracy(rng, progress, difficulty, 0.06)), 0, completed);
    } else if (type === 'reading') {
      metadata = { pages: rng.int(3, 40) };
    } else if (type === 'video') {
      metadata = { watched_percent: rng.int(40, 100), playback_rate: rng.pick([1, 1.25, 1.5, 2]) };
    } else if (type === 'notes') {
      metadata = { words: rng.int(50, 1200) };
    } else if (type === 'chat') {
      metadata = { messages: rng.int(2, 30) };
    }
    rows.push({
      id: rng.uuidv7(from),
      session_id: session.id,
      activity_type: type,
      content_type: CONTENT_TYPES[type],
      content_id: `${code.replace(' ', '').toLowerCase()}-${type}-${rng.int(1, 60)}`,
      start_time: iso(from),
      end_time: iso(to),
      items_completed: completed,
      items_correct: correct,
      metadata,
    });
    from = to;
  }
  return rows;
}

function planClasses(rng: Rng, endMs: number): ClassRow[] {
  return CLASSES.map((c) => {
    const createdMs = endMs - (c.from + 1) * SEMESTER_DAYS * DAY + 3 * DAY;
    const archived = c.to >= 2 ? iso(endMs - c.to * SEMESTER_DAYS * DAY + 14 * DAY) : null;
    return { id: rng.uuidv7(createdMs), name: c.name, code: c.code, color: c.color, archived_at: archived, created_at: iso(createdMs) };
  });
}

function planDays(rng: Rng, opts: PlanOptions, classes: ClassRow[], firstDay: string, spanDays: number): DayPlan[] {
  const endMs = Date.parse(opts.end);
  const trip = tripOf(firstDay, spanDays, opts.timeZone);
  const days: DayPlan[] = [];
  let lastEnd = -Infinity;
  for (let d = 0; d < spanDays; d++) {
    const day = addDays(firstDay, d);
    const abroad = trip !== null && day >= trip.start && day <= trip.end;
    const zone = abroad ? trip.zone : opts.timeZone;
    const daysToEnd = spanDays - 1 - d;
    if (!rng.chance(studyChance(day, daysToEnd))) continue;
    const midnight = DateTime.fromISO(day, { zone }).toMillis();
    const taking = classesIn(semesterOf(daysToEnd));
    let count = rng.weighted([2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 4, 4, 3]) + (isExamTime(day) ? 1 : 0);
    const lateNight = rng.chance(0.12);
    if (lateNight) count += 1;
    const plan: DayPlan = { day, now: '', sessions: [], activities: [] };
    let cursor = midnight + rng.int(7 * 60, 10 * 60 + 30) * MINUTE;
    for (let k = 0; k < count; k++) {
      const last = k === count - 1;
      if (last && lateNight) cursor = Math.max(cursor, midnight + rng.int(23 * 60, 23 * 60 + 40) * MINUTE);
      const startMs = Math.max(cursor, lastEnd + 5 * MINUTE);
      if (startMs > midnight + (23 * 60 + 50) * MINUTE) break;
      const endAt = startMs + wallMinutes(rng) * MINUTE + rng.int(0, 59) * 1000;
      if (endAt > endMs) break;
      const type = rng.weighted(['solo', 'group', 'tutoring'] as const, [78, 14, 8]);
      const cls = taking.length > 0 && !rng.chance(0.04) ? taking[Math.floor(rng.next() * taking.length)]! : null;
      const source = rng.chance(0.85) ? 'timer' : 'manual';
      const wallSec = (endAt - startMs) / 1000;
      const session: SessionRow = {
        id: rng.uuidv7(startMs),
        class_id: cls ? classes[cls.i]!.id : null,
        start_time: iso(startMs),
        end_time: iso(endAt),
        session_type: type,
        focus_mode: source === 'timer' ? rng.weighted(['pomodoro', 'stopwatch', 'countdown', 'free', null], [45, 25, 10, 10, 10]) : null,
        location: rng.chance(0.1) ? null : rng.pick(abroad ? TRIP_LOCATIONS : HOME_LOCATIONS),
        notes: rng.chance(0.08) ? rng.pick(NOTES) : null,
        mood_rating: rating(rng),
        productivity_rating: rating(rng),
        time_zone: zone,
        paused_seconds: rng.chance(0.3) ? rng.int(60, Math.max(60, Math.min(900, Math.floor(wallSec * 0.3)))) : 0,
        source,
      };
      plan.sessions.push(session);
      plan.activities.push(...planActivities(rng, session, startMs, endAt, d / spanDays, cls?.difficulty ?? 0.5, cls?.code ?? 'GEN'));
      lastEnd = endAt;
      const longBreak = rng.chance(0.2);
      cursor = endAt + (longBreak ? rng.int(120, 240) : rng.int(10, 90)) * MINUTE;
    }
    if (plan.sessions.length === 0) continue;
    plan.now = plan.sessions[plan.sessions.length - 1]!.end_time;
    days.push(plan);
  }
  return days;
}

function planAssignments(rng: Rng, opts: PlanOptions, classes: ClassRow[], startMs: number): AssignmentRow[] {
  const endMs = Date.parse(opts.end);
  const rows: AssignmentRow[] = [];
  const semesters = Math.ceil(opts.years * 2);
  for (let s = semesters - 1; s >= 0; s--) {
    const semStart = endMs - (s + 1) * SEMESTER_DAYS * DAY;
    for (const cls of classesIn(s)) {
      const n = rng.int(3, 6);
      for (let j = 0; j < n; j++) {
        const dueGuess = semStart + ((j + 0.2 + 0.6 * rng.next()) / n) * SEMESTER_DAYS * DAY + 0.25 * SEMESTER_DAYS * DAY;
        const dueDay = DateTime.fromMillis(dueGuess, { zone: opts.timeZone }).toISODate()!;
        const dueMs = DateTime.fromISO(`${dueDay}T23:59:00`, { zone: opts.timeZone }).toMillis();
        if (dueMs < startMs + 7 * DAY || dueMs > endMs + 30 * DAY) continue;
        const createdMs = Math.min(dueMs - rng.int(10, 21) * DAY, endMs - 3_600_000);
        let status: AssignmentRow['status'];
        let doneMs: number | null = null;
        if (dueMs <= endMs - DAY) {
          status = rng.chance(0.93) ? 'completed' : rng.pick(['pending', 'in_progress'] as const);
          if (status === 'completed') doneMs = dueMs - rng.int(0, 4) * DAY - rng.int(1, 14 * 60) * MINUTE;
        } else {
          status = rng.weighted(['completed', 'in_progress', 'pending'] as const, [25, 35, 40]);
          if (status === 'completed') doneMs = endMs - rng.int(1, 48) * 3_600_000;
        }
        if (doneMs !== null) doneMs = clamp(doneMs, createdMs + 3_600_000, endMs);
        const kind = rng.pick(ASSIGNMENT_KINDS);
        rows.push({
          id: rng.uuidv7(createdMs),
          class_id: classes[cls.i]!.id,
          title: `${cls.code} ${kind} ${j + 1}`,
          description: rng.chance(0.3) ? `${kind} for ${cls.name}: see the course page, section ${rng.int(1, 9)}.` : null,
          due_at: iso(dueMs),
          status,
          completed_at: doneMs === null ? null : iso(doneMs),
          created_at: iso(createdMs),
        });
      }
    }
  }
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

/** The whole demo dataset, computed in memory: same options, same rows and ids. */
export function planDemo(opts: PlanOptions): DemoPlan {
  if (!(opts.years > 0 && opts.years <= 20)) throw new RangeError(`years must be in (0, 20]: ${opts.years}`);
  const rng = new Rng(opts.seed);
  const endMs = Date.parse(opts.end);
  if (Number.isNaN(endMs)) throw new RangeError(`invalid end instant: ${opts.end}`);
  const startMs = endMs - opts.years * 365.25 * DAY;
  const firstDay = studyDay(iso(startMs), opts.timeZone, opts.rolloverHour);
  const lastDay = studyDay(opts.end, opts.timeZone, opts.rolloverHour);
  const spanDays = daysBetween(firstDay, lastDay) + 1;
  const classes = planClasses(rng, endMs);
  const days = planDays(rng, opts, classes, firstDay, spanDays);
  const assignments = planAssignments(rng, opts, classes, startMs);
  const goals = planGoals(rng, { opts, firstDay, lastDay, classes, days, assignments });
  return { firstDay, lastDay, classes, days, assignments, goals };
}
