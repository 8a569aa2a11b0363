import { PageHeader } from '../components/PageHeader';

export default function FocusPage() {
  return <PageHeader title="Focus" />;
}
