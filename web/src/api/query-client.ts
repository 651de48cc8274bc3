import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; a network blip might.
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** Query keys in one place, so a change can invalidate exactly what it touched. */
export const keys = {
  site: ['site'] as const,
  session: ['session'] as const,
  feed: ['feed'] as const,
  thread: (id: string) => ['thread', id] as const,
  replies: (id: string) => ['replies', id] as const,
  reactors: (id: string) => ['reactors', id] as const,
  group: (slug: string) => ['group', slug] as const,
  groupThreads: (slug: string, kind?: string) => ['group-threads', slug, kind ?? 'all'] as const,
  groupMembers: (slug: string) => ['group-members', slug] as const,
  groupRequests: (slug: string) => ['group-requests', slug] as const,
  groups: (query: object) => ['groups', query] as const,
  myGroups: ['groups', 'mine'] as const,
  people: (query: object) => ['people', query] as const,
  person: (handle: string) => ['person', handle] as const,
  activity: (handle: string) => ['activity', handle] as const,
  hashtag: (tag: string) => ['hashtag', tag] as const,
  hashtagThreads: (tag: string) => ['hashtag-threads', tag] as const,
  notifications: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
};
