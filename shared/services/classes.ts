import type { z } from 'zod';
import type { Assignment, Class, ParsedInput } from '../contract';
import { notFound } from '../contract/errors';
import { type Ctx, newId } from './context';
import { assertClass } from './lookups';
import { refreshAutoGoals } from './goals';

const CLASS_COLUMNS = 'id, name, code, color, source, archived_at';

async function loadClass(ctx: Ctx, classId: string) {
  const { rows } = await ctx.tx.query<Class>(
    `SELECT ${CLASS_COLUMNS} FROM classes WHERE user_id = $1 AND id = $2 AND deleted_at IS NULL`,
    [ctx.userId, classId],
  );
  if (!rows[0]) throw notFound('class', classId);
  return rows[0];
}

export async function listClasses(ctx: Ctx, input: ParsedInput<'classes.list'>) {
  const { rows } = await ctx.tx.query<Class>(
    `SELECT ${CLASS_COLUMNS} FROM classes
      WHERE user_id = $1 AND deleted_at IS NULL AND ($2::boolean OR archived_at IS NULL)
      ORDER BY archived_at NULLS FIRST, lower(name), id`,
    [ctx.userId, input.include_archived],
  );
  return { classes: rows };
}

export async function createClass(ctx: Ctx, input: ParsedInput<'classes.create'>) {
  const id = newId();
  await ctx.tx.query('INSERT INTO classes (id, user_id, name, code, color) VALUES ($1, $2, $3, $4, $5)', [
    id, ctx.userId, input.name.trim(), input.code ?? null, input.color ?? null,
  ]);
  ctx.changes.touch('classes', id);
  return { class: await loadClass(ctx, id) };
}

export async function updateClass(ctx: Ctx, input: ParsedInput<'classes.update'>) {
  const current = await loadClass(ctx, input.class_id);
  await ctx.tx.query('UPDATE classes SET name = $3, code = $4, color = $5 WHERE user_id = $1 AND id = $2', [
    ctx.userId,
    current.id,
    input.name?.trim() ?? current.name,
    input.code === undefined ? current.code : input.code,
    input.color === undefined ? current.color : input.color,
  ]);
  ctx.changes.touch('classes', current.id);
  return { class: await loadClass(ctx, current.id) };
}

/** Archiving hides a class from pickers; its sessions and statistics stay. */
export async function archiveClass(ctx: Ctx, input: ParsedInput<'classes.archive'>) {
  const current = await loadClass(ctx, input.class_id);
  await ctx.tx.query('UPDATE classes SET archived_at = $3 WHERE user_id = $1 AND id = $2', [
    ctx.userId,
    current.id,
    input.archived ? (current.archived_at ?? ctx.now) : null,
  ]);
  ctx.changes.touch('classes', current.id);
  return { class: await loadClass(ctx, current.id) };
}

type AssignmentRow = z.infer<typeof Assignment>;

const ASSIGNMENT_SELECT = `
  SELECT x.id, x.class_id, c.name AS class_name, x.title, x.description, x.due_at, x.status, x.completed_at, x.source
    FROM assignments x LEFT JOIN classes c ON c.id = x.class_id`;

async function loadAssignment(ctx: Ctx, id: string) {
  const { rows } = await ctx.tx.query<AssignmentRow>(`${ASSIGNMENT_SELECT} WHERE x.user_id = $1 AND x.id = $2 AND x.deleted_at IS NULL`, [ctx.userId, id]);
  if (!rows[0]) throw notFound('assignment', id);
  return rows[0];
}

export async function listAssignments(ctx: Ctx, input: ParsedInput<'assignments.list'>) {
  const { rows } = await ctx.tx.query<AssignmentRow>(
    `${ASSIGNMENT_SELECT}
      WHERE x.user_id = $1 AND x.deleted_at IS NULL AND ($2::uuid IS NULL OR x.class_id = $2)
        AND ($3::text IS NULL OR x.status = $3)
      ORDER BY x.status = 'completed', x.due_at NULLS LAST, x.title, x.id`,
    [ctx.userId, input.class_id ?? null, input.status ?? null],
  );
  return { assignments: rows };
}

export async function createAssignment(ctx: Ctx, input: ParsedInput<'assignments.create'>) {
  await assertClass(ctx, input.class_id);
  const id = newId();
  await ctx.tx.query(
    'INSERT INTO assignments (id, user_id, class_id, title, description, due_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, ctx.userId, input.class_id ?? null, input.title.trim(), input.description ?? null, input.due_at ?? null],
  );
  ctx.changes.touch('assignments', id);
  return { assignment: await loadAssignment(ctx, id) };
}

export async function setAssignmentStatus(ctx: Ctx, input: ParsedInput<'assignments.setStatus'>) {
  const current = await loadAssignment(ctx, input.assignment_id);
  if (current.status !== input.status) {
    await ctx.tx.query(
      `UPDATE assignments SET status = $3::text, completed_at = CASE WHEN $3::text = 'completed' THEN $4::timestamptz END
        WHERE user_id = $1 AND id = $2`,
      [ctx.userId, current.id, input.status, ctx.now],
    );
    ctx.changes.touch('assignments', current.id);
    await refreshAutoGoals(ctx, null, { types: ['assignment_completion'] });
  }
  return { assignment: await loadAssignment(ctx, current.id) };
}
