import type { Scorecard } from '../../../contract/analytics.js';
import { request, withQuery } from './http.js';

/** The scorecard's filters as the URL carries them; empty values are left out. */
export type ScorecardFilters = {
  from?: string;
  to?: string;
  community?: string;
  department?: string;
  location?: string;
};

const clean = (filters: ScorecardFilters) =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => value)) as ScorecardFilters;

export const analyticsKeys = {
  scorecard: (filters: ScorecardFilters) => ['analytics', 'scorecard', clean(filters)] as const,
};

export const analyticsApi = {
  scorecard: (filters: ScorecardFilters) =>
    request<Scorecard>('GET', '/analytics/scorecard', { query: clean(filters) }),
  /** A plain link: the browser downloads the file with the session cookie. */
  csvUrl: (filters: ScorecardFilters) => withQuery('/api/v1/analytics/scorecard.csv', clean(filters)),
};

/** Who may open the Analytics page (the server decides; this only hides the link from others). */
export const mayUseAnalytics = (me: { role: string; isLeader: boolean }) =>
  me.role === 'community_manager' || me.role === 'admin' || me.isLeader;
