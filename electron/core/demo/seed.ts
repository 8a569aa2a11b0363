import { conflict } from '../../../shared/contract/errors';
import type { Tx } from '../../../shared/db/db';
import { checkAchievements } from '../../../shared/services/gamification';
import { refreshAutoGoals, rollGoals } from '../../../shared/services/goals';
import type { Core } from '../core';
import { type DayPlan, planDemo } from './plan';

export interface SeedOptions {
  /** How much history: 4 is the "heavy" dataset of DESIGN §9 (~6,000 sessions, ~60,000 activities). */
  years: number;
  /** ISO instant: the dataset's "now". Nothing ends after it; the core's clock should read it too. */
  end: string;
  seed?: number;
  /** Called after each step with how many of the steps are done (a long seed shows a progress bar). */
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  done: number;
  total: number;
  label: string;
}

export interface SeedCounts {
  classes: number;
  sessions: number;
  activities: number;
  goals: number;
  assignments: number;
}

/** Rows per transaction; each study day is still its own pair of statements (see seedDays). */
const ROWS_PER_TRANSACTION = 2000;

const CLASS_INSERT = `
  INSERT INTO classes (id, user_id, name, code, color, archived_at, created_at, updated_at)
  SELECT x.id, $2, x.name, x.code, x.color, x.archived_at, x.created_at, coalesce(x.archived_at, x.created_at)
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text, code text, color text, archived_at timestamptz,
                                            created_at timestamptz)
   ORDER BY x.created_at, x.id`;

const SESSION_INSERT = `
  INSERT INTO study_sessions (id, user_id, class_id, start_time, end_time, session_type, focus_mode, location, notes,
                              mood_rating, productivity_rating, time_zone, paused_seconds, source, last_heartbeat_at,
                              created_at, updated_at)
  SELECT x.id, $2, x.class_id, x.start_time, x.end_time, x.session_type, x.focus_mode, x.location, x.notes,
         x.mood_rating, x.productivity_rating, x.time_zone, x.paused_seconds, x.source, x.end_time,
         x.start_time, x.end_time
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, class_id uuid, start_time timestamptz, end_time timestamptz,
                                            session_type text, focus_mode text, location text, notes text,
                                            mood_rating smallint, productivity_rating smallint, time_zone text,
                                            paused_seconds integer, source text)
   ORDER BY x.start_time, x.id`;

const ACTIVITY_INSERT = `
  INSERT INTO session_activities (id, user_id, session_id, activity_type, content_type, content_id, start_time,
                                  end_time, items_completed, items_correct, metadata, created_at, updated_at)
  SELECT x.id, $2, x.session_id, x.activity_type, x.content_type, x.content_id, x.start_time, x.end_time,
         x.items_completed, x.items_correct, x.metadata, x.end_time, x.end_time
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, session_id uuid, activity_type text, content_type text,
                                            content_id text, start_time timestamptz, end_time timestamptz,
                                            items_completed integer, items_correct integer, metadata jsonb)
   ORDER BY x.start_time, x.id`;

const ASSIGNMENT_INSERT = `
  INSERT INTO assignments (id, user_id, class_id, title, description, due_at, status, completed_at, created_at,
                           updated_at)
  SELECT x.id, $2, x.class_id, x.title, x.description, x.due_at, x.status, x.completed_at, x.created_at,
         coalesce(x.completed_at, x.created_at)
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, class_id uuid, title text, description text,
                                            due_at timestamptz, status text, completed_at timestamptz,
                                            created_at timestamptz)
   ORDER BY x.created_at, x.id`;

const GOAL_INSERT = `
  INSERT INTO study_goals (id, user_id, class_id, goal_type, goal_name, goal_description, target_value, unit,
                           start_date, target_date, status, priority, is_recurring, recurrence_pattern,
                           reminder_enabled, previous_goal_id, created_at, updated_at)
  SELECT x.id, $2, x.class_id, x.goal_type, x.goal_name, x.goal_description, x.target_value, x.unit,
         x.start_date, x.target_date, x.status, x.priority, x.is_recurring, x.recurrence_pattern,
         x.reminder_enabled, x.previous_goal_id, x.created_at, x.created_at
    FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, class_id uuid, goal_type text, goal_name text,
                                            goal_description text, target_value numeric, unit text,
                                            start_date date, target_date date, status text, priority text,
                                            is_recurring boolean, recurrence_pattern text, reminder_enabled boolean,
                                            previous_goal_id uuid, created_at timestamptz)
   ORDER BY x.created_at, x.id`;

// One row per statement: the progress triggers read the goal that the previous row just updated
// (milestones, completion), and row-level AFTER triggers only run at the end of a statement.
const PROGRESS_INSERT = `
  INSERT INTO goal_progress (id, user_id, goal_id, recorded_date, progress_value, notes, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`;

const setNow = (tx: Tx, instant: string) => tx.query(`SELECT set_config('app.now', $1, true)`, [instant]);

/** Study days in batches of about ROWS_PER_TRANSACTION sessions and activities. */
function dayBatches(days: DayPlan[]): DayPlan[][] {
  const batches: DayPlan[][] = [];
  for (let i = 0; i < days.length; ) {
    const batch: DayPlan[] = [];
    let rows = 0;
    while (i < days.length && rows < ROWS_PER_TRANSACTION) {
      const day = days[i++]!;
      batch.push(day);
      rows += day.sessions.length + day.activities.length;
    }
    batches.push(batch);
  }
  return batches;
}

/**
 * Each study day is written as of its last session's end, so the point awards its triggers append
 * carry that day's instant (daily points, "today" totals) rather than the seed's "now".
 */
async function seedDays(core: Core, batch: DayPlan[]): Promise<void> {
  await core.db.transaction(async (tx) => {
    for (const day of batch) {
      await setNow(tx, day.now);
      await tx.query(SESSION_INSERT, [JSON.stringify(day.sessions), core.userId]);
      await tx.query(ACTIVITY_INSERT, [JSON.stringify(day.activities), core.userId]);
    }
  });
}

async function bulkInsert(core: Core, sql: string, rows: readonly object[], now: string): Promise<void> {
  await core.db.transaction(async (tx) => {
    await setNow(tx, now);
    await tx.query(sql, [JSON.stringify(rows), core.userId]);
  });
}

async function count(core: Core, table: string): Promise<number> {
  const { rows } = await core.db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table} WHERE user_id = $1`, [
    core.userId,
  ]);
  return rows[0]!.n;
}

/**
 * Fills an empty profile with a deterministic demo history: same options, same rows and ids.
 * Rows go in through the tables' own triggers (durations, points ledger, outbox, goal progress),
 * then the goal and achievement services bring everything derived up to date as of the core's clock.
 */
export async function seedDemo(core: Core, opts: SeedOptions): Promise<SeedCounts> {
  const { rows: existing } = await core.db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM study_sessions WHERE user_id = $1) + (SELECT count(*) FROM classes WHERE user_id = $1)
          + (SELECT count(*) FROM study_goals WHERE user_id = $1) AS n`,
    [core.userId],
  );
  if (existing[0]!.n > 0) throw conflict('the demo seed needs an empty profile: this data dir already holds study data');

  const end = new Date(opts.end).toISOString();
  const plan = planDemo({
    years: opts.years,
    end,
    seed: opts.seed ?? 20_260_301,
    timeZone: core.settings.time_zone,
    rolloverHour: core.settings.day_rollover_hour,
    streakMinMinutes: core.settings.streak_min_minutes,
  });

  const dayWork = dayBatches(plan.days);
  const progress = plan.goals.progress;
  const progressWork = Array.from({ length: Math.ceil(progress.length / ROWS_PER_TRANSACTION) }, (_, i) =>
    progress.slice(i * ROWS_PER_TRANSACTION, (i + 1) * ROWS_PER_TRANSACTION),
  );
  // Classes, each batch of days, assignments and goals, each batch of goal progress, the derived
  // goal and achievement state, and the planner statistics.
  const total = 1 + dayWork.length + 1 + progressWork.length + 2;
  let done = 0;
  // PGlite answers without real I/O, so a chain of queries never lets the host's event loop run:
  // each step yields once, so its progress event (and anything else waiting) goes out now.
  const step = async (label: string) => {
    opts.onProgress?.({ done: ++done, total, label });
    await new Promise((resolve) => setImmediate(resolve));
  };

  await bulkInsert(core, CLASS_INSERT, plan.classes, end);
  await step('Classes');
  for (const batch of dayWork) {
    await seedDays(core, batch);
    await step(`Study sessions up to ${batch.at(-1)!.now.slice(0, 10)}`);
  }
  await bulkInsert(core, ASSIGNMENT_INSERT, plan.assignments, end);
  await bulkInsert(core, GOAL_INSERT, plan.goals.goals, end);
  await step('Assignments and goals');
  for (const batch of progressWork) {
    await core.db.transaction(async (tx) => {
      for (const p of batch) {
        await setNow(tx, p.at);
        await tx.query(PROGRESS_INSERT, [p.id, core.userId, p.goal_id, p.recorded_date, p.progress_value, p.notes, p.at]);
      }
    });
    await step('Goal progress');
  }

  await core.transaction(async (ctx) => {
    await refreshAutoGoals(ctx, null);
    await rollGoals(ctx);
    await checkAchievements(ctx);
  });
  await step('Goals and achievements');
  // A bulk load leaves the planner without statistics and the visibility map unset; the core's
  // idle maintenance would do this.
  await core.db.exec('VACUUM (ANALYZE)');
  await step('Tidying up');

  return {
    classes: await count(core, 'classes'),
    sessions: await count(core, 'study_sessions'),
    activities: await count(core, 'session_activities'),
    goals: await count(core, 'study_goals'),
    assignments: await count(core, 'assignments'),
  };
}
