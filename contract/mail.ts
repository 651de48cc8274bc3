import { z } from 'zod';
import { Id, PageQuery, page, Timestamp } from './common.js';

/** The kinds of notice a person sets a channel for; every notification kind falls in one (others in 'other'). */
export const MAIL_NOTICE_KINDS = [
  'mention',
  'reply',
  'accepted_answer',
  'routed_question',
  'theme_outcome',
  'idea_status',
  'praised',
  'other',
] as const;
export const MailNoticeKind = z.enum(MAIL_NOTICE_KINDS);
export type MailNoticeKind = z.infer<typeof MailNoticeKind>;

/** in-app only, email at once, gathered in the digest, or off (not even in the app). */
export const Channel = z.enum(['app', 'email', 'digest', 'off']);
export type Channel = z.infer<typeof Channel>;

export const DigestFrequency = z.enum(['daily', 'weekly', 'never']);
export type DigestFrequency = z.infer<typeof DigestFrequency>;

export const ChannelByKind = z.object(
  Object.fromEntries(MAIL_NOTICE_KINDS.map((kind) => [kind, Channel])) as Record<
    MailNoticeKind,
    typeof Channel
  >,
);
export type ChannelByKind = z.infer<typeof ChannelByKind>;

/** The organisation's defaults (admins, in settings): what a person has until they choose. */
export const MailDefaults = z.object({ kinds: ChannelByKind, digest: DigestFrequency });
export type MailDefaults = z.infer<typeof MailDefaults>;

export const DEFAULT_MAIL_DEFAULTS: MailDefaults = {
  kinds: Object.fromEntries(MAIL_NOTICE_KINDS.map((kind) => [kind, 'email'])) as ChannelByKind,
  digest: 'weekly',
};

const MinuteOfDay = z
  .number()
  .int()
  .min(0)
  .max(1439)
  .describe('minutes after midnight, in the person’s time zone');

export const QuietHours = z
  .object({ start: MinuteOfDay, end: MinuteOfDay })
  .refine((hours) => hours.start !== hours.end, { message: 'start and end must differ', path: ['end'] });

export const MailMute = z.object({
  thread: z.object({ id: Id, title: z.string() }).nullable(),
  community: z.object({ slug: z.string(), name: z.string() }).nullable(),
});

/** A person's mail settings as they apply now: their own choices over the organisation's defaults. */
export const MailPreferences = z.object({
  kinds: ChannelByKind,
  digest: DigestFrequency,
  quietHours: QuietHours.nullable(),
  timeZone: z.string(),
  /** Which of kinds/digest are the person's own choice rather than the organisation's default. */
  ownChoices: z.array(z.string()),
  mutes: z.array(MailMute),
});
export type MailPreferences = z.infer<typeof MailPreferences>;

export const UpdateMailPreferences = z
  .object({
    kinds: ChannelByKind.partial().strict().optional(),
    digest: DigestFrequency.optional(),
    quietHours: QuietHours.nullable().optional(),
  })
  .strict();

export const MuteTarget = z
  .object({ threadId: Id.optional(), communitySlug: z.string().max(60).optional() })
  .strict()
  .refine((target) => Boolean(target.threadId) !== Boolean(target.communitySlug), {
    message: 'give either threadId or communitySlug',
    path: ['threadId'],
  });

export const OUTBOUND_STATUSES = ['queued', 'enqueued', 'sending', 'sent', 'outbox', 'dead'] as const;

export const OutboundMail = z.object({
  id: Id,
  to: z.string(),
  kind: z.string(),
  locale: z.enum(['nl', 'en']),
  subject: z.string(),
  text: z.string(),
  /** The HTML part, sanitised: an admin's browser shows it in a sandboxed frame. */
  html: z.string(),
  headers: z.record(z.string(), z.string()),
  status: z.enum(OUTBOUND_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type OutboundMail = z.infer<typeof OutboundMail>;

export const OutboxQuery = PageQuery;
export const OutboxPage = page(OutboundMail);
export const OutboxInfo = z.object({ smtp: z.boolean() });
export const OutboxParams = z.object({ id: Id });

export const UnsubscribeParams = z.object({ token: z.string().min(10).max(200) });
/** What a one-click unsubscribe link would turn off; the GET shows it and changes nothing. */
export const UnsubscribeScope = z.union([MailNoticeKind, z.literal('digest')]);
export const UnsubscribePreview = z.object({
  scope: UnsubscribeScope,
  /** Whether that mail is already off for them. */
  alreadyOff: z.boolean(),
});
export const UnsubscribeResult = z.object({ scope: UnsubscribeScope, unsubscribed: z.literal(true) });
export const OneClickBody = z
  .object({ 'List-Unsubscribe': z.literal('One-Click').optional() })
  .optional()
  .describe('RFC 8058: mail clients send List-Unsubscribe=One-Click as a form; the token alone suffices');
