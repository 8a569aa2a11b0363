import { useChannel } from '../../lib/useChannel';

/**
 * Today's study day as the core reckons it (time zone and rollover hour from the settings), with
 * the points summary it comes from.
 */
export function usePointsSummary() {
  return useChannel('points.summary', {}, ['points', 'sessions', 'activities', 'achievements', 'settings']);
}
