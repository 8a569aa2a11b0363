import { useRouter } from '../app/router';
import { SessionDetail } from '../components/sessions/SessionDetail';
import { SessionHistory } from '../components/sessions/SessionHistory';

/** '#/sessions?…' is the history; '#/sessions/<id>' one session. */
export default function SessionsPage() {
  const route = useRouter((s) => s.route);
  const id = route.params[0];
  return id ? <SessionDetail key={id} id={id} /> : <SessionHistory query={route.query} />;
}
