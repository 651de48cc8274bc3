import type { z } from 'zod';
import type {
  Erased,
  LegalHold,
  PlaceHold,
  RetentionCategory,
  RetentionPolicy,
  RetentionPreview,
  UpdateRetention,
} from '../../../contract/privacy.js';
import { request, withQuery } from './http.js';

const enc = encodeURIComponent;

// The contract's retention kinds for the browser (no zod at run time); the type pins the list.
export const RETENTION_KINDS: readonly RetentionCategory[] = [
  'content',
  'notifications',
  'audit',
  'mail',
  'sign_ins',
];

export type DiscoveryScope = { from: string; to: string; community?: string; person?: string };

/** Privacy and compliance: my data, and the admins' retention, legal holds, erasure and eDiscovery. */
export const privacyApi = {
  myExportUrl: '/api/v1/me/export',
  personExportUrl: (handle: string) => `/api/v1/people/${enc(handle)}/export`,
  discoveryUrl: (scope: DiscoveryScope) => withQuery('/api/v1/compliance/ediscovery', scope),
  retention: () => request<RetentionPolicy>('GET', '/privacy/retention'),
  updateRetention: (body: UpdateRetention) => request<RetentionPolicy>('PUT', '/privacy/retention', { body }),
  preview: () => request<z.output<typeof RetentionPreview>>('GET', '/privacy/retention/preview'),
  holds: () => request<{ items: z.output<typeof LegalHold>[] }>('GET', '/privacy/holds'),
  placeHold: (body: PlaceHold) => request<z.output<typeof LegalHold>>('POST', '/privacy/holds', { body }),
  releaseHold: (id: string) => request<void>('DELETE', `/privacy/holds/${enc(id)}`),
  erase: (handle: string, confirm: string) =>
    request<z.output<typeof Erased>>('POST', `/people/${enc(handle)}/erasure`, { body: { confirm } }),
};

export const privacyKeys = {
  retention: ['privacy', 'retention'] as const,
  preview: ['privacy', 'preview'] as const,
  holds: ['privacy', 'holds'] as const,
};
