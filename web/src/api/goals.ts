import type { z } from 'zod';
import type {
  CreateGoal,
  Goal,
  GoalKpi,
  KpiSeries,
  MissedThread,
  UpdateGoal,
} from '../../../contract/goals.js';
import { request } from './http.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type Cursor = { cursor?: string; limit?: number };
const enc = encodeURIComponent;

/** The KPIs in the order the form offers them; the type pins the list to the contract's. */
export const GOAL_KPIS = [
  'first_response_time',
  'resolution_time',
  'answer_rate',
  'idea_throughput',
] as const satisfies readonly GoalKpi[];
type MissingKpi = Exclude<GoalKpi, (typeof GOAL_KPIS)[number]>;
const _allKpis: MissingKpi extends never ? true : false = true;
void _allKpis;

export const isTimeKpi = (kpi: GoalKpi) => kpi === 'first_response_time' || kpi === 'resolution_time';

/** The limits of contract/goals.ts GOAL_LIMITS that the form shows (the server checks them all). */
export const GOAL_FORM_LIMITS = {
  nameLength: 200,
  descriptionLength: 5_000,
  scopeCommunities: 50,
  scopeHashtags: 50,
  maxTarget: {
    first_response_time: 100_000,
    resolution_time: 100_000,
    answer_rate: 100,
    idea_throughput: 10_000,
  },
} as const;

export const goalsApi = {
  list: (query: Cursor) => request<Page<Goal>>('GET', '/goals', { query }),
  get: (id: string) => request<Goal>('GET', `/goals/${enc(id)}`),
  create: (body: z.input<typeof CreateGoal>) => request<Goal>('POST', '/goals', { body }),
  update: (id: string, body: z.input<typeof UpdateGoal>) =>
    request<Goal>('PATCH', `/goals/${enc(id)}`, { body }),
  kpi: (id: string, weeks: number) =>
    request<KpiSeries>('GET', `/goals/${enc(id)}/kpi`, { query: { weeks } }),
  missed: (id: string, query: Cursor) =>
    request<Page<MissedThread>>('GET', `/goals/${enc(id)}/missed`, { query }),
  link: (threadId: string, goalId: string) =>
    request<void>('PUT', `/threads/${enc(threadId)}/goal`, { body: { goalId } }),
  unlink: (threadId: string) => request<void>('DELETE', `/threads/${enc(threadId)}/goal`),
};

export const goalKeys = {
  list: () => ['goals'] as const,
  one: (id: string) => ['goals', id] as const,
  kpi: (id: string, weeks: number) => ['goals', id, 'kpi', weeks] as const,
  missed: (id: string) => ['goals', id, 'missed'] as const,
};
