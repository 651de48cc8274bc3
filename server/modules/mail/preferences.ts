import type {
  Channel,
  ChannelByKind,
  DigestFrequency,
  MailDefaults,
  MailNoticeKind,
} from '../../../contract/mail.js';

/** Which preference a notification kind falls under. */
export function noticeKindOf(notificationKind: string): MailNoticeKind {
  switch (notificationKind) {
    case 'mention':
    case 'accepted_answer':
    case 'routed_question':
    case 'theme_outcome':
    case 'idea_status':
    case 'praised':
      return notificationKind;
    case 'reply_to_thread':
    case 'reply_to_reply':
      return 'reply';
    case 'question_answered':
      return 'accepted_answer';
    default:
      return 'other';
  }
}

export type StoredPreferences = {
  kinds: Partial<ChannelByKind> | null;
  digest: DigestFrequency | null;
  quiet_start: number | null;
  quiet_end: number | null;
};

/** A person's own choice wins; otherwise the organisation's default. */
export function channelFor(
  stored: Pick<StoredPreferences, 'kinds'> | null,
  defaults: MailDefaults,
  kind: MailNoticeKind,
): Channel {
  return stored?.kinds?.[kind] ?? defaults.kinds[kind];
}

export const digestFor = (stored: StoredPreferences | null, defaults: MailDefaults): DigestFrequency =>
  stored?.digest ?? defaults.digest;

/** When mail due now may go out: now, or the end of the person's quiet hours (in their own time zone). */
export function afterQuietHours(now: Date, timeZone: string, start: number | null, end: number | null): Date {
  if (start === null || end === null || start === end) return now;
  const minute = minuteOfDay(now, timeZone);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return now;
  const wait = (end - minute + 1440) % 1440;
  const startOfMinute = now.getTime() - (now.getTime() % 60_000);
  return new Date(startOfMinute + wait * 60_000);
}

function minuteOfDay(at: Date, timeZone: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
  }
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}
