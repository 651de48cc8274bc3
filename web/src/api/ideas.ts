import type { z } from 'zod';
import type {
  ChangeIdeaStatus,
  IdeaBoardQuery,
  IdeaStatus,
  StatusChange,
  ThreadDetail,
  ThreadSummary,
} from '../../../contract/threads.js';
import type { Page } from './endpoints.js';
import { request } from './http.js';

type Cursor = { cursor?: string; limit?: number };

/** The contract's idea workflow and limits, for the browser without shipping zod (ideas.test.ts compares them). */
export const IDEA_TRANSITIONS: Record<IdeaStatus, readonly IdeaStatus[]> = {
  new: ['under_review', 'declined'],
  under_review: ['planned', 'declined'],
  planned: ['done', 'declined'],
  done: [],
  declined: ['under_review'],
};
export const IDEA_STATUSES: readonly IdeaStatus[] = ['new', 'under_review', 'planned', 'done', 'declined'];
export const STATUS_NOTE_LENGTH = 2000;
export const MAX_PRAISED = 20;
const enc = encodeURIComponent;

/** The lists the composer offers to link a thread to; only what it needs of them. */
export type ThemeOption = { id: string; title: string };
export type GoalOption = { id: string; name: string; archived: boolean };

/** Ideas, open questions, praise and the composer's link lists. */
export const ideasApi = {
  vote: (threadId: string, on: boolean) =>
    request<void>(on ? 'PUT' : 'DELETE', `/threads/${enc(threadId)}/vote`),
  changeStatus: (threadId: string, body: z.input<typeof ChangeIdeaStatus>) =>
    request<ThreadDetail>('POST', `/threads/${enc(threadId)}/status`, { body }),
  statusChanges: (threadId: string, query: Cursor = {}) =>
    request<Page<StatusChange>>('GET', `/threads/${enc(threadId)}/status-changes`, { query }),
  board: (slug: string, query: Cursor & { sort: IdeaBoardQuery['sort']; status?: IdeaStatus }) =>
    request<Page<ThreadSummary>>('GET', `/groups/${enc(slug)}/ideas`, { query }),
  unanswered: (query: Cursor & { community?: string }) =>
    request<Page<ThreadSummary>>('GET', '/questions/unanswered', { query }),
  praise: (handle: string, query: Cursor = {}) =>
    request<Page<ThreadSummary>>('GET', `/people/${enc(handle)}/praise`, { query }),
  openThemes: () => request<Page<ThemeOption>>('GET', '/themes', { query: { state: 'open', limit: 100 } }),
  goals: () => request<Page<GoalOption>>('GET', '/goals', { query: { limit: 100 } }),
};

export const ideaKeys = {
  statusChanges: (threadId: string) => ['status-changes', threadId] as const,
  board: (slug: string, sort: string, status: string) => ['idea-board', slug, sort, status] as const,
  unanswered: (community: string) => ['unanswered', community] as const,
  praise: (handle: string) => ['praise', handle] as const,
  composerLinks: ['composer-links'] as const,
};
