import { PageHeader } from '../components/PageHeader';

export default function SessionsPage() {
  return <PageHeader title="Sessions" />;
}
