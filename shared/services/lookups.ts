import { notFound } from '../contract/errors';
import type { Ctx } from './context';

/** A class the student may file things under: theirs and not deleted (archived is fine). */
export async function assertClass(ctx: Ctx, classId: string | null | undefined): Promise<void> {
  if (!classId) return;
  const { rows } = await ctx.tx.query('SELECT 1 FROM classes WHERE user_id = $1 AND id = $2 AND deleted_at IS NULL', [
    ctx.userId,
    classId,
  ], { prepare: true });
  if (rows.length === 0) throw notFound('class', classId);
}
