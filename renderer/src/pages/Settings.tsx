import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/contract/gamification';
import { PageHeader } from '../components/PageHeader';
import { BackupsSection } from '../components/settings/BackupsSection';
import { DataSection } from '../components/settings/DataSection';
import { DesktopSection } from '../components/settings/DesktopSection';
import { SampleDataSection } from '../components/settings/SampleDataSection';
import { SettingsForm } from '../components/settings/SettingsForm';
import { SyncSection } from '../components/settings/SyncSection';
import { ErrorBox, Loading } from '../components/States';
import { useChannel } from '../lib/useChannel';

export default function SettingsPage() {
  const q = useChannel('settings.get', {}, ['settings']);
  // What was last saved: the core's answer to a save, or a fresh read after data.changed.
  const [saved, setSaved] = useState<Settings | undefined>(q.data);
  useEffect(() => {
    if (q.data) setSaved(q.data);
  }, [q.data]);

  return (
    <>
      <PageHeader title="Settings" />
      <div className="stack settings">
        {saved ? (
          <SettingsForm saved={saved} onSaved={setSaved} />
        ) : q.error ? (
          <ErrorBox error={q.error} retry={q.reload} />
        ) : (
          <Loading label="Loading settings…" />
        )}
        <DesktopSection version={saved} />
        <BackupsSection />
        <DataSection />
        <SampleDataSection />
        <SyncSection />
      </div>
    </>
  );
}
