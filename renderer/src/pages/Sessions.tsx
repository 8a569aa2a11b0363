import { useEffect, useRef } from 'react';
import { useRouter } from '../app/router';
import { SessionDetail } from '../components/sessions/SessionDetail';
import { SessionHistory } from '../components/sessions/SessionHistory';

/** '#/sessions?…' is the history; '#/sessions/<id>' one session. */
export default function SessionsPage() {
  const route = useRouter((s) => s.route);
  const id = route.params[0];

  // Between the list and a detail the page stays the same, so App does not move focus: do it here,
  // or a keyboard user is left on a link that no longer exists.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [id]);

  return id ? <SessionDetail key={id} id={id} /> : <SessionHistory query={route.query} />;
}
