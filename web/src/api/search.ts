import type { Expertise, Experts, RoutingPreference } from '../../../contract/experts.js';
import type { SearchResults, SearchType, SimilarQuestions, Suggestions } from '../../../contract/search.js';
import { request } from './http.js';

export type SearchFilters = {
  type?: SearchType;
  community?: string;
  kind?: string;
  author?: string;
  from?: string;
  to?: string;
  answered?: '1';
};

/** Search, experts and question routing: one function per route. */
export const searchApi = {
  search: (q: string, filters: SearchFilters, cursor?: string) =>
    request<SearchResults>('GET', '/search', { query: { q, ...filters, cursor, limit: 20 } }),
  suggest: (q: string, signal?: AbortSignal) =>
    request<Suggestions>('GET', '/search/suggestions', { query: { q }, signal }),
  similar: (title: string, signal?: AbortSignal) =>
    request<SimilarQuestions>('GET', '/questions/similar', { query: { title, limit: 5 }, signal }),
  experts: (q: string, cursor?: string) =>
    request<Experts>('GET', '/experts', { query: { q, cursor, limit: 20 } }),
  expertise: (handle: string) => request<Expertise>('GET', `/people/${encodeURIComponent(handle)}/expertise`),
  routing: () => request<RoutingPreference>('GET', '/me/routing'),
  setRouting: (optOut: boolean) => request<RoutingPreference>('PUT', '/me/routing', { body: { optOut } }),
};

export const searchKeys = {
  search: (q: string, filters: SearchFilters) => ['search', q, filters] as const,
  suggest: (q: string) => ['search', 'suggest', q] as const,
  similar: (title: string) => ['search', 'similar', title] as const,
  experts: (q: string) => ['experts', q] as const,
  expertise: (handle: string) => ['experts', 'person', handle] as const,
  routing: ['routing'] as const,
};
