import { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import { parseInput } from '../../shared/contract/validate';
import { addDays, isoWeekOf, isoWeekRange, monthOf, monthRange } from '../../shared/domain/calendar';
import { studyDay, studyDayBounds } from '../../shared/domain/study-day';
import { pointsSummary } from '../../shared/services/gamification';
import { asUser, type ServerDeps } from '../context';
import { reply, type Router } from '../http/router';
import { queryInput } from './query';

const AwardInput = z.strictObject({
  award_id: z.uuid(),
  points: z.number().int().min(-100_000).max(100_000).refine((n) => n !== 0, 'points must not be 0'),
  reason: z.string().min(1).max(40),
  reference_type: z.enum(['session', 'activity', 'achievement', 'adjustment']).default('adjustment'),
  reference_id: z.uuid().optional(),
});
const LeaderboardInput = z.strictObject({ type: z.enum(['weekly', 'monthly']).default('weekly'), class_id: z.uuid().optional() });

/** Points, levels and streaks from the ledger, idempotent awards, and study-minute leaderboards. */
export function gamificationRoutes(router: Router, deps: ServerDeps): void {
  router.add('GET', '/api/gamification/points', (req) =>
    asUser(deps, req.userId, async (ctx) => {
      const summary = await pointsSummary(ctx);
      const { rows } = await ctx.tx.query(
        `SELECT id AS award_id, delta AS points, reason, reference_type, reference_id, created_at
           FROM point_awards WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 20`,
        [ctx.userId],
      );
      return {
        total: summary.total_points,
        level: summary.level,
        next_level_at: summary.next_level_at,
        streak: summary.streak_days,
        longest_streak: summary.longest_streak_days,
        recent_transactions: rows,
      };
    }));

  // The award id is the idempotency key: the same award sent twice applies once.
  router.add('POST', '/api/gamification/points/award', async (req) => {
    const input = parseInput(AwardInput, req.body);
    return asUser(deps, req.userId, async (ctx) => {
      const inserted = await ctx.tx.query(
        `INSERT INTO point_awards (id, user_id, reference_type, reference_id, delta, reason, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, app_now()) ON CONFLICT (id) DO NOTHING`,
        [input.award_id, ctx.userId, input.reference_type, input.reference_id ?? input.award_id, input.points, input.reason],
      );
      if (inserted.affectedRows === 0) {
        const { rows } = await ctx.tx.query<{ user_id: string; delta: number }>('SELECT user_id, delta FROM point_awards WHERE id = $1', [input.award_id]);
        if (rows[0]?.user_id !== ctx.userId || rows[0].delta !== input.points) {
          throw new AppError('CONFLICT', `award ${input.award_id} exists with different content`);
        }
      }
      const { rows } = await ctx.tx.query<{ total: number }>(
        'SELECT coalesce(sum(delta), 0)::integer AS total FROM point_awards WHERE user_id = $1', [ctx.userId]);
      return reply(inserted.affectedRows > 0 ? 201 : 200, {
        award_id: input.award_id,
        applied: inserted.affectedRows > 0,
        total: rows[0]!.total,
      });
    });
  });

  // Peers are the accounts with a class of the same code (the platform's class identity); without
  // class_id, every account. Other students appear by display name only.
  router.add('GET', '/api/gamification/leaderboards', async (req) => {
    const input = parseInput(LeaderboardInput, queryInput(req.query));
    return asUser(deps, req.userId, async (ctx) => {
      const today = studyDay(ctx.now, ctx.settings.time_zone, ctx.settings.day_rollover_hour);
      const range = input.type === 'weekly' ? isoWeekRange(isoWeekOf(today)) : monthRange(monthOf(today));
      const start = studyDayBounds(range.start, ctx.settings.time_zone, ctx.settings.day_rollover_hour).start;
      const end = studyDayBounds(addDays(range.end, 1), ctx.settings.time_zone, ctx.settings.day_rollover_hour).start;
      let code: string | null = null;
      if (input.class_id) {
        const { rows } = await ctx.tx.query<{ code: string | null; name: string }>(
          'SELECT code, name FROM classes WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [input.class_id, ctx.userId]);
        if (!rows[0]) throw new AppError('NOT_FOUND', `class ${input.class_id} not found`);
        code = rows[0].code ?? rows[0].name;
      }
      const { rows } = await ctx.tx.query<{ user_id: string; display_name: string; study_minutes: number; rank: number }>(
        `WITH peers AS (
           SELECT u.id, u.display_name FROM users u
            WHERE EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id)
              AND ($3::varchar IS NULL OR EXISTS (SELECT 1 FROM classes k WHERE k.user_id = u.id AND k.deleted_at IS NULL
                                                  AND coalesce(k.code, k.name) = $3::varchar))
         ), minutes AS (
           SELECT p.id, p.display_name, coalesce(sum(s.duration_minutes), 0)::integer AS study_minutes
             FROM peers p
             LEFT JOIN study_sessions s ON s.user_id = p.id AND s.deleted_at IS NULL AND s.end_time IS NOT NULL
                   AND s.start_time >= $1 AND s.start_time < $2
                   AND ($3::varchar IS NULL OR s.class_id IN (SELECT k.id FROM classes k WHERE k.user_id = p.id
                                                             AND coalesce(k.code, k.name) = $3::varchar))
            GROUP BY p.id, p.display_name
         )
         SELECT id AS user_id, display_name, study_minutes,
                rank() OVER (ORDER BY study_minutes DESC)::integer AS rank
           FROM minutes ORDER BY rank, display_name, id LIMIT 100`,
        [start, end, code],
      );
      return {
        type: input.type,
        period_start: range.start,
        period_end: range.end,
        class_id: input.class_id ?? null,
        entries: rows.map((r) => ({
          rank: r.rank,
          display_name: r.display_name,
          study_minutes: r.study_minutes,
          is_you: r.user_id === ctx.userId,
        })),
      };
    });
  });
}
