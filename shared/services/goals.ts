import type { Goal, ParsedInput } from '../contract';
import { conflict, invalid, notFound } from '../contract/errors';
import { GOAL_UNITS } from '../contract/goals';
import { daysBetween } from '../domain/calendar';
import { daysRemaining, goalPercentage, milestonesCrossed, milestoneName, nextRecurrence, onTrack } from '../domain/goals';
import { type Ctx, newId, today } from './context';
import { ALL_AUTO_GOALS, type AutoGoalType } from './goal-types';
import { assertClass } from './lookups';
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


interface Candidate {
  id: string;
  goal_name: string;
  goal_type: AutoGoalType;
  class_id: string | null;
  current_value: number;
  start_date: string;
  target_date: string;
  milestones_reached: number[];
  /** Computed with the candidates, for every type but streak (which the caller works out). */
  value: number | null;
}

/**
 * In one statement (each costs a round trip into the engine): the automatic goals of `types`
 * whose window holds one of `days` (null: any) with their values (auto_goal_values, migration
 * 0009), and, when asked, the keys of the achievements already earned. A streak goal depends on
 * today, not on the changed days, so it is a candidate while today is inside its window.
 */
async function readAutoGoals(
  ctx: Ctx,
  days: string[] | null,
  opts: { goalId?: string; types: readonly AutoGoalType[]; earned: boolean; classes?: ReadonlyArray<string | null> },
): Promise<{ goals: Candidate[]; earned: string[] | null }> {
  const { rows } = await ctx.tx.query<{ goals: Candidate[]; earned: string[] | null }>(
    `SELECT (SELECT coalesce(json_agg(v), '[]') FROM auto_goal_values($1, $2, $3, $4, $5, $6, $7, $9) v) AS goals,
            CASE WHEN $8 THEN (SELECT coalesce(array_agg(achievement_key), '{}') FROM achievements WHERE user_id = $1) END AS earned`,
    [ctx.userId, opts.types, opts.goalId ?? null, days, ctx.settings.day_rollover_hour, ctx.settings.time_zone, today(ctx), opts.earned,
     opts.classes ?? null],
    { prepare: true },
  );
  const { goals, earned } = rows[0]!;
  return { goals: goals.map((g) => ({ ...g, current_value: Number(g.current_value), value: g.value === null ? null : Number(g.value) })), earned };
}

/** The day today's progress is recorded on: today, kept inside the goal's window. */
function progressDay(ctx: Ctx, goal: { start_date: string; target_date: string }): string {
  const day = today(ctx);
  return day > goal.target_date ? goal.target_date : day < goal.start_date ? goal.start_date : day;
}

/** Writes today's goal_progress row; the table's triggers set percentage, milestones and completion. */
async function recordDay(ctx: Ctx, goal: { id: string; start_date: string; target_date: string }, value: number, notes: string | null, day?: string) {
  const recorded = day ?? progressDay(ctx, goal);
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

/**
 * Writes today's progress of every goal whose value moved, in one statement, and reports the
 * milestones reached for the first time. The insert trigger computes each row's percentage; the
 * goal itself takes the row's milestones when it is the goal's latest (update_goal_current_value),
 * which RETURNING mirrors, so no second read of the goals is needed.
 */
async function recordValues(ctx: Ctx, changed: Array<{ goal: Candidate; value: number }>): Promise<void> {
  const { rows } = await ctx.tx.query<{ goal_id: string; percentage_complete: number; latest: boolean }>(
    `INSERT INTO goal_progress (id, user_id, goal_id, recorded_date, progress_value)
     SELECT x.id, $1, x.goal_id, x.day, x.value
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, goal_id uuid, day date, value numeric)
     ON CONFLICT (goal_id, recorded_date) DO UPDATE SET progress_value = EXCLUDED.progress_value, deleted_at = NULL
     RETURNING goal_id, percentage_complete,
               NOT EXISTS (SELECT 1 FROM goal_progress p
                            WHERE p.goal_id = goal_progress.goal_id AND p.recorded_date > goal_progress.recorded_date
                              AND p.deleted_at IS NULL) AS latest`,
    [ctx.userId, JSON.stringify(changed.map(({ goal, value }) => ({ id: newId(), goal_id: goal.id, day: progressDay(ctx, goal), value })))],
    { prepare: true },
  );
  const byId = new Map(changed.map(({ goal }) => [goal.id, goal]));
  for (const row of rows) {
    const goal = byId.get(row.goal_id)!;
    if (!row.latest) continue;
    for (const m of milestonesCrossed(goal.milestones_reached, Number(row.percentage_complete))) {
      ctx.changes.milestones.push({ goal_id: goal.id, goal_name: goal.goal_name, milestone: m, milestone_name: milestoneName(m) });
    }
  }
  ctx.changes.touch('goals', ...byId.keys());
}

/**
 * Brings automatic goals of the given types up to date after study data changed on `days`
 * (null: whatever their window). With `earned`, also answers the achievements already earned (read
 * in the same statement, for checkAchievements).
 */
export async function refreshAutoGoals(
  ctx: Ctx,
  days: string[] | null,
  opts: { goalId?: string; types?: readonly AutoGoalType[]; earned?: boolean; classes?: ReadonlyArray<string | null>; additive?: boolean } = {},
): Promise<string[] | null> {
  const types = opts.types ?? ALL_AUTO_GOALS;
  if (types.length === 0 && !opts.earned) return null;
  const { goals, earned } = await readAutoGoals(ctx, days, { goalId: opts.goalId, types, earned: opts.earned ?? false, classes: opts.classes });
  // A streak goal counts only the days inside its window: its value is the streak capped at the
  // days since it started. One read serves every streak goal (the longest cap); each goal's last
  // value hints how far back the streak reaches.
  const day = today(ctx);
  const cap = (g: Candidate) => daysBetween(g.start_date, day) + 1;
  const streakGoals = goals.filter((g) => g.value === null);
  // A change that only adds study time (a session ending) cannot shorten a streak: a goal already
  // at its cap stays there. When every streak goal is (a student keeping the streak they aimed
  // for), nothing needs reading.
  const capped = opts.additive === true && streakGoals.every((g) => g.current_value >= cap(g));
  const streak = streakGoals.length === 0 ? 0 : capped ? Math.max(...streakGoals.map(cap)) : await streakDays(
    ctx,
    Math.max(...streakGoals.map((g) => g.current_value)),
    Math.max(...streakGoals.map(cap)),
  );
  const changed: Array<{ goal: Candidate; value: number }> = [];
  for (const goal of goals) {
    const value = goal.value ?? Math.min(streak, cap(goal));
    if (value !== goal.current_value) changed.push({ goal, value });
  }
  if (changed.length > 0) await recordValues(ctx, changed);
  return earned;
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
    await refreshAutoGoals(ctx, null, { goalId: id });
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
  await refreshAutoGoals(ctx, null, { goalId: id });
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
      await refreshAutoGoals(ctx, null, { goalId: goal.id });
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
