import { GoalsView } from '../components/goals/GoalsView';

export default function GoalsPage() {
  return <GoalsView />;
}
