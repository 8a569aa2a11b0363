import type { ChannelOutput } from '../../../shared/contract/channels';
import type { DataEntity } from '../../../shared/contract/events';
import { isoWeekOf } from '../../../shared/domain/calendar';
import { ActiveSessionCard } from '../components/dashboard/ActiveSessionCard';
import { GoalsCard } from '../components/dashboard/GoalsCard';
import { InsightsCard } from '../components/dashboard/InsightsCard';
import { StreakCard } from '../components/dashboard/StreakCard';
import { TodayCard } from '../components/dashboard/TodayCard';
import { WeeklyChart } from '../components/dashboard/WeeklyChart';
import { usePointsSummary } from '../components/focus/usePointsSummary';
import { PageHeader } from '../components/PageHeader';
import { type ChannelQuery, useChannel } from '../lib/useChannel';
import { useTimerStore } from '../stores/timer';

const REPORT_ENTITIES: DataEntity[] = ['sessions', 'activities', 'points', 'settings', 'classes'];

/**
 * The student's day at a glance. The page reads every channel (the cards only draw), each through
 * useChannel with the entities it depends on, so a session that ends moves the minutes, points
 * and goal bars without a reload. `data-ready="dashboard"` marks the moment all of it is on screen
 * (the renderer bench measures navigation to it).
 */
export default function DashboardPage() {
  const summary = usePointsSummary();
  // Today's study day (zone and rollover applied) comes from the core; the reports wait for it.
  const today = summary.data?.today;
  const todaySessions = useChannel('sessions.list', { start_date: today, end_date: today, limit: 1000 }, ['sessions', 'activities'], { enabled: !!today });
  const weekly = useChannel('reports.weekly', { week: today ? isoWeekOf(today) : '' }, REPORT_ENTITIES, { enabled: !!today });
  const goals = useChannel('goals.list', { status: 'active' }, ['goals', 'sessions', 'activities', 'assignments']);
  const overview = useChannel('performance.overview', { period: 'weekly' }, ['sessions', 'activities', 'assignments', 'classes', 'goals']);
  const settings = useChannel('settings.get', {}, ['settings']);
  const timerLoaded = useTimerStore((s) => s.view !== null);
  const ready = timerLoaded && [summary, todaySessions, weekly, goals, overview].every((q) => q.data !== undefined);

  return (
    <div data-ready={ready ? 'dashboard' : undefined}>
      <PageHeader title="Dashboard" />
      <div className="dash-top">
        <ActiveSessionCard />
        <TodayCard
          today={today}
          summary={summary.data}
          week={today ? weekly : pending(summary)}
          sessions={today ? todaySessions : pending(summary)}
          settings={settings.data}
        />
        <StreakCard summary={summary} />
      </div>
      <div className="dash-middle">
        <GoalsCard goals={goals} />
        <WeeklyChart today={today} report={today ? weekly : pending(summary)} />
      </div>
      <InsightsCard overview={overview} />
    </div>
  );
}

/** A report query still waiting for today's date: loading, or failed with the summary's error. */
function pending<T>(summary: ChannelQuery<ChannelOutput<'points.summary'>>): ChannelQuery<T> {
  return { data: undefined, error: summary.error, loading: summary.loading, reload: summary.reload };
}
