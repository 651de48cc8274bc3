import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../../contract/audit.js';
import type {
  CommunityRules,
  ContentFilters,
  CreateReport,
  QueueItem,
  SuspendPerson,
  TakeAction,
  WarnPerson,
} from '../../../contract/moderation.js';
import type { Settings } from '../../../contract/settings.js';
import type { ThreadSummary } from '../../../contract/threads.js';
import type { Page } from './endpoints.js';
import { request, withQuery } from './http.js';

type Cursor = { cursor?: string; limit?: number };
export type AuditFilters = Omit<z.input<typeof AuditQuery>, 'limit' | 'cursor'>;
const enc = encodeURIComponent;

/** Moderation and the audit log: one function per route the web uses. */
export const moderationApi = {
  report: (body: z.input<typeof CreateReport>) =>
    request<{ id: string; status: string }>('POST', '/reports', { body }),
  queue: (query: Cursor & { community?: string }) =>
    request<Page<QueueItem>>('GET', '/moderation/queue', { query }),
  act: (id: string, body: z.input<typeof TakeAction>) =>
    request<{ id: string; action: string }>('POST', `/reports/${enc(id)}/actions`, { body }),
  appeal: (actionId: string, statement: string) =>
    request<{ id: string }>('POST', `/moderation/actions/${enc(actionId)}/appeal`, { body: { statement } }),
  lock: (threadId: string, locked: boolean) =>
    request<void>(locked ? 'PUT' : 'DELETE', `/threads/${enc(threadId)}/lock`, { body: {} }),
  pin: (threadId: string, scope: 'community' | 'home', on: boolean) =>
    request<void>(on ? 'PUT' : 'DELETE', `/threads/${enc(threadId)}/pins/${scope}`),
  move: (threadId: string, body: { communitySlug: string; reason: string; note: string }) =>
    request<void>('POST', `/threads/${enc(threadId)}/move`, { body }),
  pinnedHome: () => request<Page<ThreadSummary>>('GET', '/feed/pinned'),
  pinnedIn: (slug: string) => request<Page<ThreadSummary>>('GET', `/groups/${enc(slug)}/pinned`),
  warn: (handle: string, body: z.input<typeof WarnPerson>) =>
    request<{ id: string }>('POST', `/people/${enc(handle)}/warnings`, { body }),
  suspend: (handle: string, body: z.input<typeof SuspendPerson>) =>
    request<{ id: string }>('PUT', `/people/${enc(handle)}/suspension`, { body }),
  filters: () => request<z.output<typeof ContentFilters>>('GET', '/admin/moderation/filters'),
  updateFilters: (body: z.input<typeof ContentFilters>) =>
    request<z.output<typeof ContentFilters>>('PUT', '/admin/moderation/filters', { body }),
  /** The organisation's settings: the moderation page sets who sees edit history. */
  settings: () => request<Settings>('GET', '/settings'),
  updateSettings: (body: Partial<Settings>) => request<Settings>('PATCH', '/settings', { body }),
  rules: (slug: string) => request<z.output<typeof CommunityRules>>('GET', `/groups/${enc(slug)}/rules`),
  updateRules: (slug: string, markdown: string) =>
    request<z.output<typeof CommunityRules>>('PUT', `/groups/${enc(slug)}/rules`, { body: { markdown } }),
  audit: (query: Cursor & AuditFilters) =>
    request<Page<z.output<typeof AuditEntry>>>('GET', '/audit', { query }),
  /** The CSV export is a plain link: the browser downloads it with the session cookie. */
  auditCsvUrl: (filters: AuditFilters) => withQuery('/api/v1/audit.csv', filters),
};

export const moderationKeys = {
  queue: ['moderation', 'queue'] as const,
  filters: ['moderation', 'filters'] as const,
  settings: ['settings', 'organisation'] as const,
  pinnedHome: ['moderation', 'pinned', 'home'] as const,
  pinnedIn: (slug: string) => ['moderation', 'pinned', slug] as const,
  rules: (slug: string) => ['community-rules', slug] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
};

/** Who sees the moderation queue and the audit log in the menu. */
export const mayModerate = (me: { role: string }) => me.role === 'admin' || me.role === 'community_manager';
