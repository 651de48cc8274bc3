import type { z } from 'zod';
import type {
  CreateOutcome,
  CreateTheme,
  ThemeDetail,
  ThemeOutcome,
  ThemeParticipant,
  ThemeSummary,
  UpdateTheme,
} from '../../../contract/themes.js';
import type { ThreadSummary } from '../../../contract/threads.js';
import type { Page } from './endpoints.js';
import { request } from './http.js';

type Cursor = { cursor?: string; limit?: number };
const base = (id: string) => `/themes/${encodeURIComponent(id)}`;

/** Strategic themes (condition 1): one function per route of /api/v1/themes. */
export const themesApi = {
  list: (query: Cursor & { state?: 'open' | 'closed' | 'all' }) =>
    request<Page<ThemeSummary>>('GET', '/themes', { query }),
  get: (id: string) => request<ThemeDetail>('GET', base(id)),
  create: (body: z.input<typeof CreateTheme>) => request<ThemeDetail>('POST', '/themes', { body }),
  update: (id: string, body: z.input<typeof UpdateTheme>) =>
    request<ThemeDetail>('PATCH', base(id), { body }),
  postOutcome: (id: string, body: z.input<typeof CreateOutcome>) =>
    request<ThemeOutcome>('POST', `${base(id)}/outcomes`, { body }),
  threads: (id: string, query: Cursor) =>
    request<Page<ThreadSummary>>('GET', `${base(id)}/threads`, { query }),
  participants: (id: string, query: Cursor) =>
    request<Page<ThemeParticipant>>('GET', `${base(id)}/participants`, { query }),
  follow: (id: string, on: boolean) => request<void>(on ? 'PUT' : 'DELETE', `${base(id)}/follow`),
};

/** Query keys of themes: a change invalidates ['themes'] and everything under it. */
export const themeKeys = {
  all: ['themes'] as const,
  list: (state: string) => ['themes', 'list', state] as const,
  theme: (id: string) => ['themes', 'theme', id] as const,
  threads: (id: string) => ['themes', 'threads', id] as const,
  participants: (id: string) => ['themes', 'participants', id] as const,
};

export const themePath = (id: string) => `/themes/${encodeURIComponent(id)}`;
