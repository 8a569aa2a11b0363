import type { ChannelOutput, ParsedInput } from '../../contract';
import { notFound } from '../../contract/errors';
import { isoWeekOf } from '../../domain/calendar';
import { GRAIN_OF, metricTrend, metricValue, shiftPeriod } from '../../domain/performance';
import { type Ctx, today } from '../context';
import { firstStudyDay, periodFacts, scopeSeries } from './metrics';
import { loadClasses, requestedDate } from './performance';
import { periodStart } from './periods';

type TrendsOutput = ChannelOutput<'performance.trends'>;

/**
 * performance.trends: one data point per week or month, ending with the period holding `date`,
 * and the least-squares trend over them (DESIGN §6). A point's value is the period's minutes or
 * mean/rate with the sample it rests on; the fit follows trendPoint (study time per elapsed day,
 * periods without a sample left out).
 */
export async function performanceTrends(ctx: Ctx, input: ParsedInput<'performance.trends'>): Promise<TrendsOutput> {
  const now = today(ctx);
  const date = requestedDate(ctx, input.date);
  const classId = input.class_id ?? null;
  if (classId !== null && !(await loadClasses(ctx)).some((c) => c.id === classId && !c.deleted)) throw notFound('class', classId);
  const grain = GRAIN_OF[input.period];
  const last = periodStart(grain, date);
  const firstDay = await firstStudyDay(ctx);
  const series = scopeSeries(await periodFacts(ctx, grain, shiftPeriod(grain, last, -(input.count - 1)), last), classId);
  const { trend, trend_percentage } = metricTrend(input.metric_type, series, firstDay, now);
  return {
    metric_type: input.metric_type,
    period: input.period,
    class_id: classId,
    data_points: series.map((p) => ({
      ...(grain === 'week' ? { week: isoWeekOf(p.period_start) } : { month: p.period_start.slice(0, 7) }),
      period_start: p.period_start,
      period_end: p.period_end,
      ...metricValue(input.metric_type, p),
      in_progress: p.period_start <= now && now <= p.period_end,
    })),
    overall_trend: trend,
    trend_percentage,
  };
}
