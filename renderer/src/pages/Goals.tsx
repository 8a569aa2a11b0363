import { PageHeader } from '../components/PageHeader';

export default function GoalsPage() {
  return <PageHeader title="Goals" />;
}
