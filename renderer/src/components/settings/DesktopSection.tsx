import { useEffect, useState } from 'react';
import type { ShellStatus } from '../../../../shared/contract/bridge';
import { api } from '../../api';
import { desktopStatusLines } from './desktop-status';

/**
 * What the Electron shell can do on this computer: idle detection (unsupported on Wayland), the
 * global shortcut (taken by another app?), the tray and start at login. Read again whenever the
 * settings were saved (`version` changes), since those decide the shortcut and the login item.
 * Absent in a browser on the web host, which has no shell.
 */
export function DesktopSection({ version }: { version: unknown }) {
  const shellStatus = api.shellStatus;
  const [status, setStatus] = useState<ShellStatus | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!shellStatus) return;
    let live = true;
    shellStatus().then(
      (s) => live && (setStatus(s), setFailed(false)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [shellStatus, version]);

  if (!shellStatus) return null;
  return (
    <section className="card stack" aria-labelledby="settings-desktop">
      <h2 id="settings-desktop">This computer</h2>
      {failed ? (
        <p className="muted">The desktop shell did not answer; reopen Settings to try again.</p>
      ) : !status ? (
        <p className="muted">Checking what this computer supports…</p>
      ) : (
        <dl className="sync-facts">
          {desktopStatusLines(status).map((line) => (
            <div key={line.label}>
              <dt>{line.label}</dt>
              <dd>
                <span className={`badge badge-${line.tone}`}>{line.value}</span> <span className="muted">{line.help}</span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
