/**
 * Latencies of the performance channels on the heavy dataset (DESIGN §9: p95 ≤ 50 ms each): every
 * period with and without a class filter, every trend metric, every comparison. Current periods
 * are measured after one warm-up call (the closed periods they rest on are cached by then, as in
 * the app after the first view); the "past" variants walk through 50 different older periods,
 * so each sample is a first view that fills the cache for its window.
 */
import type { Core } from '../electron/core/core';
import { addDays } from '../shared/domain/calendar';
import { type BenchLine, summarize } from './stats';

const BUDGET_MS = 50;
const WARM_UP = 3;

type Input = (i: number) => unknown;

async function busiestClass(core: Core, today: string): Promise<string> {
  const { rows } = await core.db.query<{ class_id: string }>(
    `SELECT class_id FROM study_sessions
      WHERE user_id = $1 AND class_id IS NOT NULL AND deleted_at IS NULL AND start_time > $2::date - 30
      GROUP BY class_id ORDER BY count(*) DESC, class_id LIMIT 1`,
    [core.userId, today],
  );
  if (!rows[0]) throw new Error('the heavy dataset has no class with sessions in the last 30 days');
  return rows[0].class_id;
}

function variants(today: string, classId: string): Array<[string, string, Input]> {
  const out: Array<[string, string, Input]> = [];
  const fixed = (input: unknown): Input => () => input;
  for (const period of ['daily', 'weekly', 'monthly', 'all_time'] as const) {
    out.push([`overview.${period}`, 'performance.overview', fixed({ period })]);
    out.push([`overview.${period}.class`, 'performance.overview', fixed({ period, class_id: classId })]);
  }
  out.push(['overview.weekly.past', 'performance.overview', (i) => ({ period: 'weekly', date: addDays(today, -7 * (8 + i * 3)) })]);
  out.push(['overview.monthly.past', 'performance.overview', (i) => ({ period: 'monthly', date: addDays(today, -30 * (7 + (i % 30))) })]);
  for (const metric_type of ['study_time', 'test_average', 'flashcard_mastery', 'assignment_completion'] as const) {
    for (const period of ['weekly', 'monthly'] as const) {
      out.push([`trends.${metric_type}.${period}`, 'performance.trends', fixed({ metric_type, period })]);
    }
  }
  out.push(['trends.study_time.weekly.class', 'performance.trends', fixed({ metric_type: 'study_time', period: 'weekly', class_id: classId })]);
  out.push(['trends.test_average.weekly.52', 'performance.trends', fixed({ metric_type: 'test_average', period: 'weekly', count: 52 })]);
  for (const period of ['daily', 'weekly', 'monthly', 'all_time'] as const) {
    out.push([`comparison.class.${period}`, 'performance.comparison', fixed({ compare_by: 'class', period })]);
    out.push([`comparison.activity_type.${period}`, 'performance.comparison', fixed({ compare_by: 'activity_type', period })]);
    if (period !== 'all_time') out.push([`comparison.period.${period}`, 'performance.comparison', fixed({ compare_by: 'period', period })]);
  }
  return out;
}

export async function benchPerformance(core: Core, emit: (line: BenchLine) => void, n = 50): Promise<void> {
  const today = (await core.call('points.summary', {})).today;
  const classId = await busiestClass(core, today);
  for (const [name, channel, input] of variants(today, classId)) {
    const samples: number[] = [];
    const past = name.endsWith('.past');
    for (let i = 0; i < (past ? 0 : WARM_UP) + n; i++) {
      const t0 = performance.now();
      const result = await core.invoke(channel, input(i));
      const ms = performance.now() - t0;
      if (!result.ok) throw new Error(`${channel} ${JSON.stringify(input(i))} failed: ${JSON.stringify(result.error)}`);
      if (past || i >= WARM_UP) samples.push(ms);
    }
    emit(summarize(`core.performance.${name}`, samples, 'ms', BUDGET_MS));
  }
}
