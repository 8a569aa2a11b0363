import { DateTime } from 'luxon';
import { addDays, daysBetween, isoWeekOf, isoWeekRange, monthRange } from '../../../shared/domain/calendar';
import { studyDay, studyDayBounds } from '../../../shared/domain/study-day';
import { classesIn, SEMESTER_DAYS } from './catalog';
import type { AssignmentRow, ClassRow, DayPlan, PlanOptions } from './plan';
import type { Rng } from './random';
import { GOAL_UNITS } from '../../../shared/contract/goals';

type GoalType = 'study_time' | 'test_score' | 'assignment_completion' | 'flashcard_mastery' | 'streak' | 'custom';

export interface GoalRow {
  id: string;
  class_id: string | null;
  goal_type: GoalType;
  goal_name: string;
  goal_description: string | null;
  target_value: number;
  unit: string | null;
  start_date: string;
  target_date: string;
  status: 'active' | 'abandoned';
  priority: 'low' | 'medium' | 'high';
  is_recurring: boolean;
  recurrence_pattern: 'weekly' | 'monthly' | null;
  reminder_enabled: boolean;
  previous_goal_id: string | null;
  created_at: string;
}

/** A goal_progress row and the instant it was recorded (the triggers stamp completion with it). */
export interface ProgressRow {
  id: string;
  goal_id: string;
  recorded_date: string;
  progress_value: number;
  notes: string | null;
  at: string;
}

export interface GoalPlan {
  goals: GoalRow[];
  progress: ProgressRow[];
}

interface Inputs {
  opts: PlanOptions;
  firstDay: string;
  lastDay: string;
  classes: ClassRow[];
  days: DayPlan[];
  assignments: AssignmentRow[];
}

/**
 * Per study day, what the automatic goals are computed from, with the same rules as the SQL in
 * shared/services/goals.ts (so the refresh after seeding finds every goal already current).
 */
class Facts {
  readonly minutes = new Map<string, Array<{ cls: string | null; minutes: number }>>();
  readonly scores = new Map<string, Array<{ cls: string | null; kind: string; hundredths: number }>>();
  readonly handedIn = new Map<string, Array<{ cls: string | null }>>();
  readonly streak = new Map<string, number>();

  constructor(input: Inputs) {
    const { opts } = input;
    const push = <T>(map: Map<string, T[]>, day: string, item: T) => {
      const list = map.get(day);
      if (list) list.push(item);
      else map.set(day, [item]);
    };
    const sessions = new Map<string, { cls: string | null; zone: string }>();
    for (const plan of input.days) {
      for (const s of plan.sessions) {
        sessions.set(s.id, { cls: s.class_id, zone: s.time_zone });
        const seconds = (Date.parse(s.end_time) - Date.parse(s.start_time)) / 1000 - s.paused_seconds;
        push(this.minutes, studyDay(s.start_time, s.time_zone, opts.rolloverHour), {
          cls: s.class_id,
          minutes: Math.floor(Math.max(0, seconds) / 60),
        });
      }
      for (const a of plan.activities) {
        if (!a.items_completed) continue;
        const s = sessions.get(a.session_id)!;
        push(this.scores, studyDay(a.start_time, s.zone, opts.rolloverHour), {
          cls: s.cls,
          kind: a.activity_type,
          hundredths: Math.round(((a.items_correct ?? 0) * 10_000) / a.items_completed),
        });
      }
    }
    for (const x of input.assignments) {
      if (x.completed_at) push(this.handedIn, studyDay(x.completed_at, opts.timeZone, opts.rolloverHour), { cls: x.class_id });
    }
    let run = 0;
    for (let day = input.firstDay; day <= input.lastDay; day = addDays(day, 1)) {
      const total = (this.minutes.get(day) ?? []).reduce((sum, m) => sum + m.minutes, 0);
      run = total > 0 && total >= opts.streakMinMinutes ? run + 1 : 0;
      this.streak.set(day, run);
    }
  }

  /** The goal's value at the end of each study day of its window (up to `lastDay`), in order. */
  series(goal: GoalRow, lastDay: string): Array<{ day: string; value: number }> {
    const out: Array<{ day: string; value: number }> = [];
    const matches = (cls: string | null) => goal.class_id === null || cls === goal.class_id;
    let sum = 0;
    let n = 0;
    const stop = goal.target_date < lastDay ? goal.target_date : lastDay;
    for (let day = goal.start_date; day <= stop; day = addDays(day, 1)) {
      let value = 0;
      if (goal.goal_type === 'study_time') {
        for (const m of this.minutes.get(day) ?? []) if (matches(m.cls)) sum += m.minutes;
        value = sum;
      } else if (goal.goal_type === 'test_score' || goal.goal_type === 'flashcard_mastery') {
        const kind = goal.goal_type === 'test_score' ? 'testing' : 'flashcards';
        for (const s of this.scores.get(day) ?? []) {
          if (s.kind === kind && matches(s.cls)) {
            sum += s.hundredths;
            n += 1;
          }
        }
        value = n === 0 ? 0 : Math.round(sum / n) / 100;
      } else if (goal.goal_type === 'assignment_completion') {
        for (const x of this.handedIn.get(day) ?? []) if (matches(x.cls)) sum += 1;
        value = sum;
      } else if (goal.goal_type === 'streak') {
        value = this.streak.get(day) ?? 0;
      }
      out.push({ day, value });
    }
    return out;
  }
}

const STEP: Record<GoalType, number> = {
  study_time: 60,
  test_score: 1,
  flashcard_mastery: 1,
  assignment_completion: 1,
  streak: 1,
  custom: 1,
};

/** A target the student reaches (`reach`) or falls short of, given where the data ends up. */
function targetFor(type: GoalType, final: number, reach: boolean, rng: Rng): number {
  if (type === 'test_score' || type === 'flashcard_mastery') {
    const points = 1 + 7 * rng.next(); // a percentage target sits a few points off the average
    return Math.min(100, Math.max(1, reach ? Math.floor(final - points) : Math.ceil(final + points)));
  }
  const step = STEP[type];
  const raw = reach ? final * (0.75 + 0.22 * rng.next()) : final * (1.08 + 0.22 * rng.next()) + step;
  return Math.max(step, reach ? Math.floor(raw / step) * step : Math.ceil(raw / step) * step);
}

export function planGoals(rng: Rng, input: Inputs): GoalPlan {
  const { opts, firstDay, lastDay, classes } = input;
  const facts = new Facts(input);
  const endMs = Date.parse(opts.end);
  const goals: GoalRow[] = [];
  const progress: ProgressRow[] = [];
  const spanDays = daysBetween(firstDay, lastDay) + 1;
  const dayAt = (fraction: number) => addDays(firstDay, Math.floor(spanDays * fraction));
  const clip = (day: string) => (day < firstDay ? firstDay : day);
  /** When a day's progress is written: just before the study day ends (never after the dataset's now). */
  const recordedAt = (day: string) =>
    Math.min(Date.parse(studyDayBounds(day, opts.timeZone, opts.rolloverHour).end) - 5 * 60_000, endMs);

  type Draft = Pick<GoalRow, 'goal_type' | 'goal_name' | 'start_date' | 'target_date'> & Partial<GoalRow>;
  const add = (g: Draft): GoalRow => {
    const createdMs = Math.min(DateTime.fromISO(`${g.start_date}T09:00:00`, { zone: opts.timeZone }).toMillis(), endMs);
    const goal: GoalRow = {
      id: rng.uuidv7(createdMs),
      class_id: null,
      goal_description: null,
      target_value: 1,
      unit: GOAL_UNITS[g.goal_type],
      priority: rng.pick(['low', 'medium', 'medium', 'high'] as const),
      reminder_enabled: rng.chance(0.3),
      is_recurring: false,
      recurrence_pattern: null,
      previous_goal_id: null,
      status: 'active',
      created_at: new Date(createdMs).toISOString(),
      ...g,
    };
    goals.push(goal);
    return goal;
  };
  /** One progress row per study day on which the value changed, like the core's refresh writes. */
  const track = (goal: GoalRow) => {
    let previous = 0;
    for (const { day, value } of facts.series(goal, lastDay)) {
      if (value === previous) continue;
      progress.push({ id: rng.uuidv7(recordedAt(day)), goal_id: goal.id, recorded_date: day, progress_value: value, notes: null, at: new Date(recordedAt(day)).toISOString() });
      previous = value;
    }
  };
  const finalValue = (goal: GoalRow) => facts.series(goal, lastDay).at(-1)?.value ?? 0;
  /** Sets the target from the data: past goals mostly reached, current ones ahead of the student. */
  const aim = (goal: GoalRow, name: (target: number) => string) => {
    const final = finalValue(goal);
    if (goal.target_date >= lastDay) {
      // Sums grow with the days left; averages do not.
      const cumulative = goal.goal_type === 'study_time' || goal.goal_type === 'assignment_completion';
      const elapsed = (daysBetween(goal.start_date, lastDay) + 1) / (daysBetween(goal.start_date, goal.target_date) + 1);
      goal.target_value = targetFor(goal.goal_type, cumulative ? final / Math.max(elapsed, 0.05) : final, false, rng);
    } else {
      goal.target_value = targetFor(goal.goal_type, final, rng.chance(0.7), rng);
    }
    goal.goal_name = name(goal.target_value);
    track(goal);
  };

  // A monthly study-time goal, renewed for a year, and a weekly flashcard goal: recurring chains.
  const chain = (type: GoalType, pattern: 'weekly' | 'monthly', periods: Array<{ start: string; end: string }>, name: (t: number) => string) => {
    const finals = periods
      .filter((p) => p.end < lastDay)
      .map((p) => finalValue({ goal_type: type, class_id: null, start_date: p.start, target_date: p.end } as GoalRow))
      .sort((a, b) => a - b);
    const typical = finals[Math.floor(finals.length * 0.35)];
    const target = typical === undefined ? (type === 'study_time' ? 6000 : 75) : targetFor(type, typical, true, rng);
    let previous: string | null = null;
    for (const p of periods) {
      const goal = add({ goal_type: type, goal_name: name(target), target_value: target, start_date: p.start, target_date: p.end,
        is_recurring: true, recurrence_pattern: pattern, previous_goal_id: previous });
      track(goal);
      previous = goal.id;
    }
  };
  const months: Array<{ start: string; end: string }> = [];
  for (let m = monthRange(lastDay.slice(0, 7)); m.end >= firstDay && months.length < 12; m = monthRange(addDays(m.start, -1).slice(0, 7))) months.unshift(m);
  chain('study_time', 'monthly', months, (t) => `Study ${t / 60} hours a month`);
  const weeks: Array<{ start: string; end: string }> = [];
  for (let w = isoWeekRange(isoWeekOf(lastDay)); w.end >= firstDay && weeks.length < 6; w = isoWeekRange(isoWeekOf(addDays(w.start, -1)))) weeks.unshift(w);
  chain('flashcard_mastery', 'weekly', weeks, (t) => `Flashcards at ${t}% or better this week`);

  // Per semester: hours in one class, and a test average in another.
  for (let s = Math.min(7, Math.ceil(opts.years * 2) - 1); s >= 0; s--) {
    const start = clip(addDays(lastDay, -Math.round((s + 1) * SEMESTER_DAYS) + 1));
    const end = s === 0 ? addDays(lastDay, 30) : addDays(lastDay, -Math.round(s * SEMESTER_DAYS));
    const taking = classesIn(s);
    if (end < firstDay || taking.length === 0) continue;
    const hours = taking[s % taking.length]!;
    aim(add({ goal_type: 'study_time', class_id: classes[hours.i]!.id, goal_name: '', goal_description: 'Semester goal', start_date: start, target_date: end }),
      (t) => `Put ${t / 60} hours into ${hours.name}`);
    if (s > 5) continue;
    const tests = taking[(s + 1) % taking.length]!;
    aim(add({ goal_type: 'test_score', class_id: classes[tests.i]!.id, goal_name: '', start_date: start, target_date: end }),
      (t) => `Average ${t}% on ${tests.name} tests`);
  }

  // Per year: assignments handed in (the current year still open).
  for (let y = Math.ceil(opts.years) - 1; y >= 0; y--) {
    const start = clip(addDays(lastDay, -365 * (y + 1) + 1));
    const end = y === 0 ? addDays(lastDay, 60) : addDays(lastDay, -365 * y);
    aim(add({ goal_type: 'assignment_completion', class_id: null, goal_name: '', goal_description: 'Hand everything in on time, "no excuses"', start_date: start, target_date: end }),
      (t) => `Hand in ${t} assignments this year`);
  }

  // Streaks: one in the past, one running now.
  if (spanDays > 420) {
    const past = add({ goal_type: 'streak', goal_name: 'Study 14 days in a row', target_value: 14, start_date: addDays(lastDay, -400), target_date: addDays(lastDay, -340) });
    track(past);
  }
  const streakNow = facts.streak.get(lastDay) ?? 0;
  const streakGoal = add({ goal_type: 'streak', goal_name: '', goal_description: 'Every day, even on weekends', target_value: Math.ceil((streakNow + 20) / 5) * 5, start_date: clip(addDays(lastDay, -20)), target_date: addDays(lastDay, 25) });
  streakGoal.goal_name = `Reach a ${streakGoal.target_value}-day streak`;
  track(streakGoal);

  // Custom goals take progress by hand: a finished book, a notebook in progress, an abandoned vocabulary plan.
  const manual = (goal: GoalRow, every: number, values: (k: number) => number, note: string | null) => {
    let k = 0;
    for (let day = addDays(goal.start_date, every); day <= goal.target_date && day <= lastDay; day = addDays(day, every)) {
      const at = recordedAt(day);
      progress.push({ id: rng.uuidv7(at), goal_id: goal.id, recorded_date: day, progress_value: values(k++), notes: note, at: new Date(at).toISOString() });
    }
  };
  const book = add({ goal_type: 'custom', goal_name: "Read 'Gödel, Escher, Bach'", goal_description: 'All 777 pages, chapter by chapter', target_value: 777, unit: 'pages', start_date: dayAt(0.1), target_date: [dayAt(0.6), addDays(dayAt(0.1), 120)].sort()[0]! });
  const bookWeeks = Math.max(1, Math.floor(daysBetween(book.start_date, book.target_date) / 7));
  manual(book, 7, (k) => Math.min(777, Math.round((777 * (k + 1)) / Math.max(1, bookWeeks - 1))), 'pages read so far');
  const lab = add({ goal_type: 'custom', class_id: classes[10]!.id, goal_name: 'Finish the lab notebook', goal_description: null, target_value: 12, unit: 'experiments', start_date: clip(addDays(lastDay, -60)), target_date: addDays(lastDay, 40) });
  manual(lab, 8, (k) => Math.min(11, k + 1), null);
  const words = add({ goal_type: 'custom', class_id: classes[7]!.id, goal_name: 'Learn 500 Spanish words', goal_description: 'Vocabulary list, week by week', target_value: 500, unit: 'words', start_date: dayAt(0.3), target_date: addDays(dayAt(0.3), 42), status: 'abandoned' });
  manual(words, 7, (k) => 40 * (k + 1), null);
  const crammed = add({ goal_type: 'study_time', goal_name: 'Study 120 hours before the break', target_value: 120 * 60, start_date: dayAt(0.2), target_date: addDays(dayAt(0.2), 30), status: 'abandoned' });
  crammed.goal_description = 'Too ambitious: dropped after a week';

  progress.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return { goals, progress };
}
