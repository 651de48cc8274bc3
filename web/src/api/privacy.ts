import type { z } from 'zod';
import type {
  CommunityRetention,
  Erased,
  LegalHold,
  PlaceHold,
  PrivacyExport,
  RetentionCategory,
  RetentionPolicy,
  RetentionPreview,
  SetCommunityRetention,
  UpdateRetention,
} from '../../../contract/privacy.js';
import { request } from './http.js';

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
  myExports: () => request<{ items: PrivacyExport[] }>('GET', '/me/exports'),
  requestMyExport: () => request<PrivacyExport>('POST', '/me/exports'),
  personExports: (handle: string) =>
    request<{ items: PrivacyExport[] }>('GET', `/people/${enc(handle)}/exports`),
  requestPersonExport: (handle: string) => request<PrivacyExport>('POST', `/people/${enc(handle)}/exports`),
  requestDiscovery: (body: DiscoveryScope) =>
    request<PrivacyExport>('POST', '/compliance/ediscovery', { body }),
  retention: () => request<RetentionPolicy>('GET', '/privacy/retention'),
  updateRetention: (body: UpdateRetention) => request<RetentionPolicy>('PUT', '/privacy/retention', { body }),
  setCommunityRetention: (slug: string, body: z.input<typeof SetCommunityRetention>) =>
    request<CommunityRetention>('PUT', `/privacy/retention/communities/${enc(slug)}`, { body }),
  removeCommunityRetention: (slug: string) =>
    request<void>('DELETE', `/privacy/retention/communities/${enc(slug)}`),
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
  myExports: ['privacy', 'exports', 'mine'] as const,
  personExports: (handle: string) => ['privacy', 'exports', 'person', handle] as const,
};

/** While an export is being prepared its status is asked for again every few seconds. */
export const exportsRefetch = (items: PrivacyExport[] | undefined) =>
  items?.some((item) => item.status === 'queued' || item.status === 'running') ? 2_000 : false;
