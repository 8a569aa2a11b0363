import type { Goal, ParsedInput } from '../contract';
import { conflict, invalid, notFound } from '../contract/errors';
import { GOAL_UNITS } from '../contract/goals';
import { daysRemaining, goalPercentage, milestoneName, nextRecurrence, onTrack } from '../domain/goals';
import { type Ctx, newId, today } from './context';
import { assertClass } from './sessions';
import { streakDays } from './gamification';

interface GoalRow {
  id: string;
  class_id: string | null;
  goal_type: Goal['goal_type'];
  goal_name: string;
  goal_description: string | null;
  target_value: number;
  current_value: number;
  unit: string | null;
  start_date: string;
  target_date: string;
  status: Goal['status'];
  priority: Goal['priority'];
  is_recurring: boolean;
  recurrence_pattern: Goal['recurrence_pattern'];
  reminder_enabled: boolean;
  milestones_reached: number[];
  completed_at: string | null;
  created_at: string;
}

const GOAL_COLUMNS = `id, class_id, goal_type, goal_name, goal_description, target_value, current_value, unit,
  start_date, target_date, status, priority, is_recurring, recurrence_pattern, reminder_enabled,
  milestones_reached, completed_at, created_at`;

function present(row: GoalRow, day: string): Goal {
  const { id, ...rest } = row;
  return {
    goal_id: id,
    ...rest,
    percentage_complete: goalPercentage(row.current_value, row.target_value),
    days_remaining: daysRemaining(day, row.target_date),
    on_track:
      row.status === 'completed' ||
      (row.status === 'active' &&
        onTrack({ startDate: row.start_date, targetDate: row.target_date, today: day, current: row.current_value, target: row.target_value })),
  };
}

async function loadGoal(ctx: Ctx, goalId: string): Promise<GoalRow> {
  const { rows } = await ctx.tx.query<GoalRow>(
    `SELECT ${GOAL_COLUMNS} FROM study_goals WHERE user_id = $1 AND id = $2 AND deleted_at IS NULL`,
    [ctx.userId, goalId],
  );
  if (!rows[0]) throw notFound('goal', goalId);
  return rows[0];
}

/**
 * The value each automatic goal has now, from the rows in its [start_date, target_date] study-day
 * window (and its class). $3 limits the work to goals whose window holds one of the changed days.
 */
const AUTO_VALUES = `
  SELECT g.id, g.current_value, g.start_date, g.target_date,
         CASE g.goal_type
           WHEN 'study_time' THEN (
             SELECT coalesce(sum(s.duration_minutes), 0) FROM study_sessions s
              WHERE s.user_id = g.user_id AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
                AND (g.class_id IS NULL OR s.class_id = g.class_id)
                AND s.start_time >= g.start_date - 2 AND s.start_time < g.target_date + 3
                AND study_day(s.start_time, s.time_zone, $2) BETWEEN g.start_date AND g.target_date)
           WHEN 'test_score' THEN (
             SELECT coalesce(round(avg(a.accuracy_percentage), 2), 0)
               FROM session_activities a JOIN study_sessions s ON s.id = a.session_id
              WHERE a.user_id = g.user_id AND a.deleted_at IS NULL AND a.activity_type = 'testing'
                AND a.accuracy_percentage IS NOT NULL AND (g.class_id IS NULL OR s.class_id = g.class_id)
                AND a.start_time >= g.start_date - 2 AND a.start_time < g.target_date + 3
                AND study_day(a.start_time, s.time_zone, $2) BETWEEN g.start_date AND g.target_date)
           WHEN 'flashcard_mastery' THEN (
             SELECT coalesce(round(avg(a.accuracy_percentage), 2), 0)
               FROM session_activities a JOIN study_sessions s ON s.id = a.session_id
              WHERE a.user_id = g.user_id AND a.deleted_at IS NULL AND a.activity_type = 'flashcards'
                AND a.accuracy_percentage IS NOT NULL AND (g.class_id IS NULL OR s.class_id = g.class_id)
                AND a.start_time >= g.start_date - 2 AND a.start_time < g.target_date + 3
                AND study_day(a.start_time, s.time_zone, $2) BETWEEN g.start_date AND g.target_date)
           WHEN 'assignment_completion' THEN (
             SELECT count(*) FROM assignments x
              WHERE x.user_id = g.user_id AND x.deleted_at IS NULL AND x.status = 'completed'
                AND (g.class_id IS NULL OR x.class_id = g.class_id)
                AND study_day(x.completed_at, $4, $2) BETWEEN g.start_date AND g.target_date)
           WHEN 'streak' THEN $5::numeric
         END AS value
    FROM study_goals g
   WHERE g.user_id = $1 AND g.deleted_at IS NULL AND g.status IN ('active', 'completed')
     AND g.goal_type <> 'custom'
     AND ($3::date[] IS NULL OR g.goal_type = 'streak'
          OR EXISTS (SELECT 1 FROM unnest($3::date[]) AS d WHERE d BETWEEN g.start_date AND g.target_date))
     AND ($6::uuid IS NULL OR g.id = $6)`;

/** Writes today's goal_progress row; the table's triggers set percentage, milestones and completion. */
async function recordDay(ctx: Ctx, goal: { id: string; start_date: string; target_date: string }, value: number, notes: string | null, day?: string) {
  let recorded = day ?? today(ctx);
  if (!day) {
    if (recorded > goal.target_date) recorded = goal.target_date;
    if (recorded < goal.start_date) recorded = goal.start_date;
  }
  await ctx.tx.query(
    `INSERT INTO goal_progress (id, user_id, goal_id, recorded_date, progress_value, notes)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (goal_id, recorded_date)
     DO UPDATE SET progress_value = EXCLUDED.progress_value, notes = coalesce(EXCLUDED.notes, goal_progress.notes),
                   deleted_at = NULL`,
    [newId(), ctx.userId, goal.id, recorded, value, notes],
  );
}

/** Re-reads milestones after progress was written and reports the ones reached for the first time. */
async function reportMilestones(ctx: Ctx, before: Map<string, number[]>): Promise<void> {
  if (before.size === 0) return;
  const { rows } = await ctx.tx.query<{ id: string; goal_name: string; milestones_reached: number[] }>(
    'SELECT id, goal_name, milestones_reached FROM study_goals WHERE id = ANY($1::uuid[])',
    [[...before.keys()]],
  );
  for (const row of rows) {
    const had = new Set(before.get(row.id));
    for (const m of row.milestones_reached) {
      if (!had.has(m)) {
        ctx.changes.milestones.push({ goal_id: row.id, goal_name: row.goal_name, milestone: m, milestone_name: milestoneName(m) });
      }
    }
  }
  ctx.changes.touch('goals', ...before.keys());
}

/** Brings automatic goals up to date after study data changed on `days` (null: every goal). */
export async function refreshAutoGoals(ctx: Ctx, days: string[] | null, goalId: string | null = null): Promise<void> {
  const { rows: streakGoal } = await ctx.tx.query(
    `SELECT 1 FROM study_goals WHERE user_id = $1 AND goal_type = 'streak' AND status IN ('active', 'completed')
        AND deleted_at IS NULL AND ($2::uuid IS NULL OR id = $2) LIMIT 1`,
    [ctx.userId, goalId],
  );
  const streak = streakGoal.length > 0 ? await streakDays(ctx) : 0;
  const { rows } = await ctx.tx.query<{ id: string; current_value: number; start_date: string; target_date: string; value: number }>(
    AUTO_VALUES,
    [ctx.userId, ctx.settings.day_rollover_hour, days, ctx.settings.time_zone, streak, goalId],
  );
  const changed = rows.filter((r) => Number(r.value) !== Number(r.current_value));
  if (changed.length === 0) return;
  const before = await milestoneSnapshot(ctx, changed.map((r) => r.id));
  for (const goal of changed) await recordDay(ctx, goal, Number(goal.value), null);
  await reportMilestones(ctx, before);
}

async function milestoneSnapshot(ctx: Ctx, ids: string[]): Promise<Map<string, number[]>> {
  const { rows } = await ctx.tx.query<{ id: string; milestones_reached: number[] }>(
    'SELECT id, milestones_reached FROM study_goals WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.milestones_reached]));
}

/** Expires goals whose date passed short of target and opens the next period of recurring ones. */
export async function rollGoals(ctx: Ctx): Promise<void> {
  const day = today(ctx);
  const { rows: expired } = await ctx.tx.query<{ n: number }>('SELECT check_expired_goals($1, $2) AS n', [day, ctx.userId]);
  if (expired[0]!.n > 0) ctx.changes.touch('goals');
  const { rows: due } = await ctx.tx.query<GoalRow & { user_id: string }>(
    `SELECT ${GOAL_COLUMNS} FROM study_goals g
      WHERE user_id = $1 AND deleted_at IS NULL AND is_recurring AND target_date < $2 AND status <> 'abandoned'
        AND NOT EXISTS (SELECT 1 FROM study_goals n WHERE n.previous_goal_id = g.id)`,
    [ctx.userId, day],
  );
  for (const goal of due) {
    let next = nextRecurrence(goal.recurrence_pattern!, goal.start_date, goal.target_date);
    while (next.targetDate < day) next = nextRecurrence(goal.recurrence_pattern!, next.startDate, next.targetDate);
    const id = newId();
    await ctx.tx.query(
      `INSERT INTO study_goals (id, user_id, class_id, goal_type, goal_name, goal_description, target_value, unit,
                                start_date, target_date, priority, is_recurring, recurrence_pattern,
                                reminder_enabled, previous_goal_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12, $13, $14)`,
      [id, ctx.userId, goal.class_id, goal.goal_type, goal.goal_name, goal.goal_description, goal.target_value,
       goal.unit, next.startDate, next.targetDate, goal.priority, goal.recurrence_pattern, goal.reminder_enabled, goal.id],
    );
    ctx.changes.touch('goals', id);
    await refreshAutoGoals(ctx, null, id);
  }
}

export async function createGoal(ctx: Ctx, input: ParsedInput<'goals.create'>) {
  const start = input.start_date ?? today(ctx);
  if (start > input.target_date) throw invalid('target_date', 'target_date is before start_date');
  await assertClass(ctx, input.class_id);
  const id = newId();
  await ctx.tx.query(
    `INSERT INTO study_goals (id, user_id, class_id, goal_type, goal_name, goal_description, target_value, unit,
                              start_date, target_date, priority, is_recurring, recurrence_pattern, reminder_enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [id, ctx.userId, input.class_id ?? null, input.goal_type, input.goal_name.trim(), input.goal_description ?? null,
     input.target_value, input.unit ?? GOAL_UNITS[input.goal_type], start, input.target_date, input.priority,
     input.is_recurring, input.recurrence_pattern ?? null, input.reminder_enabled],
  );
  ctx.changes.touch('goals', id);
  await refreshAutoGoals(ctx, null, id);
  return { goal: present(await loadGoal(ctx, id), today(ctx)), message: 'Goal created' };
}

export async function listGoals(ctx: Ctx, input: ParsedInput<'goals.list'>) {
  await rollGoals(ctx);
  const { rows } = await ctx.tx.query<GoalRow>(
    `SELECT ${GOAL_COLUMNS} FROM study_goals
      WHERE user_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR class_id = $3)
      ORDER BY (status = 'active') DESC, target_date, priority DESC, created_at`,
    [ctx.userId, input.status ?? null, input.class_id ?? null],
  );
  const day = today(ctx);
  return { goals: rows.map((r) => present(r, day)) };
}

export async function updateGoal(ctx: Ctx, input: ParsedInput<'goals.update'>) {
  const goal = await loadGoal(ctx, input.goal_id);
  const merged = {
    goal_name: input.goal_name?.trim() ?? goal.goal_name,
    goal_description: input.goal_description === undefined ? goal.goal_description : input.goal_description,
    class_id: input.class_id === undefined ? goal.class_id : input.class_id,
    target_value: input.target_value ?? goal.target_value,
    unit: input.unit === undefined ? goal.unit : input.unit,
    start_date: input.start_date ?? goal.start_date,
    target_date: input.target_date ?? goal.target_date,
    priority: input.priority ?? goal.priority,
    is_recurring: input.is_recurring ?? goal.is_recurring,
    recurrence_pattern: input.recurrence_pattern === undefined ? goal.recurrence_pattern : input.recurrence_pattern,
    reminder_enabled: input.reminder_enabled ?? goal.reminder_enabled,
  };
  if (merged.start_date > merged.target_date) throw invalid('target_date', 'target_date is before start_date');
  if (merged.is_recurring && !merged.recurrence_pattern) {
    throw invalid('recurrence_pattern', 'a recurring goal needs a recurrence_pattern');
  }
  if ((goal.goal_type === 'test_score' || goal.goal_type === 'flashcard_mastery') && merged.target_value > 100) {
    throw invalid('target_value', 'a percentage target cannot exceed 100');
  }
  if (input.class_id) await assertClass(ctx, input.class_id);
  let status = goal.status;
  if (input.status === 'abandoned') status = 'abandoned';
  if (input.status === 'active' && goal.status !== 'completed') status = 'active';
  await ctx.tx.query(
    `UPDATE study_goals
        SET goal_name = $3, goal_description = $4, class_id = $5, target_value = $6, unit = $7, start_date = $8,
            target_date = $9, priority = $10, is_recurring = $11, recurrence_pattern = $12, reminder_enabled = $13,
            status = $14
      WHERE user_id = $1 AND id = $2`,
    [ctx.userId, goal.id, merged.goal_name, merged.goal_description, merged.class_id, merged.target_value, merged.unit,
     merged.start_date, merged.target_date, merged.priority, merged.is_recurring, merged.recurrence_pattern,
     merged.reminder_enabled, status],
  );
  ctx.changes.touch('goals', goal.id);
  // A new target, window or class changes the percentage: write today's progress again so the
  // triggers re-evaluate completion and milestones.
  if (status === 'active' || status === 'completed') {
    const before = await milestoneSnapshot(ctx, [goal.id]);
    if (goal.goal_type === 'custom') {
      await recordDay(ctx, { ...merged, id: goal.id }, goal.current_value, null);
    } else {
      await refreshAutoGoals(ctx, null, goal.id);
      await recordDay(ctx, { ...merged, id: goal.id }, (await loadGoal(ctx, goal.id)).current_value, null);
    }
    await reportMilestones(ctx, before);
  }
  return { goal: present(await loadGoal(ctx, goal.id), today(ctx)), message: 'Goal updated', milestones: ctx.changes.milestones };
}

export async function recordProgress(ctx: Ctx, input: ParsedInput<'goals.recordProgress'>) {
  const goal = await loadGoal(ctx, input.goal_id);
  if (goal.goal_type !== 'custom') {
    throw conflict(`a ${goal.goal_type} goal follows your study data; only custom goals take manual progress`);
  }
  if (goal.status === 'abandoned' || goal.status === 'expired') throw conflict(`the goal is ${goal.status}`);
  const day = input.recorded_date ?? today(ctx);
  if (day > today(ctx)) throw invalid('recorded_date', 'recorded_date is in the future');
  if (day < goal.start_date) throw invalid('recorded_date', `recorded_date is before the goal starts (${goal.start_date})`);
  const before = await milestoneSnapshot(ctx, [goal.id]);
  await recordDay(ctx, goal, input.progress_value, input.notes ?? null, day);
  await reportMilestones(ctx, before);
  const { rows } = await ctx.tx.query<{ percentage_complete: number; milestone_reached: boolean; milestone_name: string | null }>(
    'SELECT percentage_complete, milestone_reached, milestone_name FROM goal_progress WHERE goal_id = $1 AND recorded_date = $2',
    [goal.id, day],
  );
  const after = await loadGoal(ctx, goal.id);
  const newlyReached = ctx.changes.milestones.length > 0;
  return {
    goal_id: goal.id,
    percentage_complete: rows[0]!.percentage_complete,
    milestone_reached: newlyReached,
    milestone_name: newlyReached ? rows[0]!.milestone_name : null,
    milestones: ctx.changes.milestones,
    status: after.status,
  };
}

export async function deleteGoal(ctx: Ctx, input: ParsedInput<'goals.delete'>) {
  const goal = await loadGoal(ctx, input.goal_id);
  await ctx.tx.query('UPDATE study_goals SET deleted_at = $3 WHERE user_id = $1 AND id = $2', [ctx.userId, goal.id, ctx.now]);
  ctx.changes.touch('goals', goal.id);
  return { goal_id: goal.id, message: 'Goal deleted' };
}
