import type { AttentionItem, CommunityHealth } from '../../../contract/community-health.js';
import type { Contributions } from '../../../contract/contributions.js';
import { request } from './http.js';

const enc = encodeURIComponent;

/** Community health (condition 5), the admins' attention list, and a profile's contributions (condition 4). */
export const healthApi = {
  community: (slug: string) => request<CommunityHealth>('GET', `/groups/${enc(slug)}/health`),
  attention: (query: { cursor?: string; limit?: number } = {}) =>
    request<{ items: AttentionItem[]; nextCursor: string | null }>('GET', '/admin/communities/attention', {
      query,
    }),
  contributions: (handle: string) => request<Contributions>('GET', `/people/${enc(handle)}/contributions`),
};

export const healthKeys = {
  community: (slug: string) => ['community-health', slug] as const,
  attention: ['community-attention'] as const,
  contributions: (handle: string) => ['contributions', handle] as const,
};
