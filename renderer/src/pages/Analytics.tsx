import { ActivityComparison, ClassComparison, PeriodComparison } from '../components/analytics/Comparisons';
import { StudyHeatmap } from '../components/analytics/StudyHeatmap';
import { TrendSection } from '../components/analytics/TrendSection';
import { PageHeader } from '../components/PageHeader';
import { Loading } from '../components/States';
import { useChannel } from '../lib/useChannel';

export default function AnalyticsPage() {
  const classes = useChannel('classes.list', { include_archived: true }, ['classes']);
  // Today's study day as the core counts it (zone and rollover hour), for the heatmap's range.
  const summary = useChannel('points.summary', {}, ['sessions', 'settings']);
  return (
    <>
      <PageHeader title="Analytics" />
      <div className="stack analytics">
        <TrendSection classes={classes.data?.classes ?? []} />
        <ClassComparison classes={classes.data?.classes ?? []} />
        <PeriodComparison />
        <ActivityComparison />
        {summary.data ? (
          <StudyHeatmap today={summary.data.today} />
        ) : (
          <section className="card" aria-labelledby="analytics-when">
            <h2 id="analytics-when">When you study</h2>
            <Loading />
          </section>
        )}
      </div>
    </>
  );
}
