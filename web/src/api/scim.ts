import type { z } from 'zod';
import type { CreatedScimToken, ScimToken } from '../../../contract/scim.js';
import type { Page } from './endpoints.js';
import { request } from './http.js';

export type ScimTokenItem = z.output<typeof ScimToken>;

/** The SCIM tokens identity providers provision with (admins): one function per route. */
export const scimApi = {
  tokens: () => request<Page<ScimTokenItem>>('GET', '/admin/scim-tokens'),
  create: (name: string) =>
    request<z.output<typeof CreatedScimToken>>('POST', '/admin/scim-tokens', { body: { name } }),
  revoke: (id: string) => request<void>('DELETE', `/admin/scim-tokens/${encodeURIComponent(id)}`),
};

export const scimKeys = { tokens: ['scim-tokens'] as const };
