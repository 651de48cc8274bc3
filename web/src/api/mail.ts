import type { z } from 'zod';
import type {
  Channel,
  DigestFrequency,
  MailDefaults,
  MailNoticeKind,
  MailPreferences,
  OutboundMail,
  OutboxInfo,
  UnsubscribePreview,
  UnsubscribeResult,
  UpdateMailPreferences,
} from '../../../contract/mail.js';
import { ApiError, request, toApiError } from './http.js';

const enc = encodeURIComponent;

// The contract's mail enumerations for the browser (no zod at run time); the types pin them, mail.test.ts too.
type Exactly<T extends string, List extends readonly T[]> = [T] extends [List[number]] ? List : never;
const list =
  <T extends string>() =>
  <const List extends readonly T[]>(values: Exactly<T, List>) =>
    values;
export const MAIL_KINDS = list<MailNoticeKind>()([
  'mention',
  'reply',
  'accepted_answer',
  'routed_question',
  'theme_outcome',
  'idea_status',
  'praised',
  'other',
]);
export const CHANNELS = list<Channel>()(['email', 'digest', 'app', 'off']);
export const DIGESTS = list<DigestFrequency>()(['daily', 'weekly', 'never']);

type Page<T> = { items: T[]; nextCursor: string | null };
export type DefaultsChange = { kinds?: Partial<MailDefaults['kinds']>; digest?: MailDefaults['digest'] };

/** Mail: the person's preferences and mutes, the admins' outbox and defaults, and one-click unsubscribe. */
export const mailApi = {
  preferences: () => request<MailPreferences>('GET', '/me/mail'),
  update: (body: z.input<typeof UpdateMailPreferences>) =>
    request<MailPreferences>('PATCH', '/me/mail', { body }),
  muteThread: (id: string, on: boolean) =>
    request<void>(on ? 'PUT' : 'DELETE', `/threads/${enc(id)}/mail-mute`),
  muteCommunity: (slug: string, on: boolean) =>
    request<void>(on ? 'PUT' : 'DELETE', `/groups/${enc(slug)}/mail-mute`),
  outbox: (cursor?: string) =>
    request<Page<OutboundMail>>('GET', '/admin/outbox', { query: { cursor, limit: 25 } }),
  outboxStatus: () => request<z.output<typeof OutboxInfo>>('GET', '/admin/outbox/status'),
  defaults: () => request<MailDefaults>('GET', '/settings/mail'),
  updateDefaults: (body: DefaultsChange) => request<MailDefaults>('PATCH', '/settings/mail', { body }),
  previewUnsubscribe: (token: string) =>
    request<z.output<typeof UnsubscribePreview>>('GET', `/mail/unsubscribe/${enc(token)}`),
  unsubscribe: (token: string) => oneClick(token),
};

/** The one-click target lives outside /api/v1 (it is the List-Unsubscribe address); the token is the proof. */
async function oneClick(token: string): Promise<z.output<typeof UnsubscribeResult>> {
  let response: Response;
  try {
    response = await fetch(`/unsubscribe/${enc(token)}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ 'List-Unsubscribe': 'One-Click' }),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'Network error', 'The server could not be reached.');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, body);
  return body;
}

export const mailKeys = {
  preferences: ['mail', 'preferences'] as const,
  outbox: ['mail', 'outbox'] as const,
  outboxStatus: ['mail', 'outbox-status'] as const,
  defaults: ['mail', 'defaults'] as const,
  unsubscribe: (token: string) => ['mail', 'unsubscribe', token] as const,
};
