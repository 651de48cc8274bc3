import type { MailConfig } from '../../config.js';
import type { NewMail } from './enqueue.js';
import { layout } from './layout.js';
import type { NoticeRow } from './notices-repository.js';
import { noticeKindOf } from './preferences.js';
import { escapeHtml, mailSafeHtml, plainText } from './safe-html.js';
import { hasText, type Locale, say, type TextKey } from './texts.js';
import { replyToken, unsubscribeToken } from './tokens.js';

/** A thread's friendly path, as the web app builds it (web/src/lib/paths.ts). */
export function threadPath(id: string, title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug ? `/t/${id}-${slug}` : `/t/${id}`;
}

/** Message-IDs: the thread's root id is what every mail about it refers to, so mail clients thread them. */
export const threadMessageId = (domain: string, threadId: string) => `<plein.t${threadId}@${domain}>`;

export function unsubscribeUrl(config: MailConfig, personId: string, scope: string): string {
  return `${config.publicUrl}/unsubscribe/${unsubscribeToken(config.secret, personId, scope)}`;
}

/** Headers every mail from Plein to a person carries: one-click unsubscribe (RFC 8058) and Auto-Submitted. */
export function listHeaders(config: MailConfig, personId: string, scope: string): Record<string, string> {
  return {
    'Auto-Submitted': 'auto-generated',
    'List-Unsubscribe': `<${unsubscribeUrl(config, personId, scope)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** The mail for one notification, in the recipient's language, with the content they were told about. */
export function composeNotice(
  config: MailConfig,
  notice: NoticeRow,
  extra: { locale: Locale; outcomeHtml: string | null; notBefore: Date },
): NewMail {
  const { locale } = extra;
  const data = notice.data as {
    themeId?: string;
    themeTitle?: string;
    to?: string;
    note?: string;
    title?: string;
  };
  const actor = notice.actor_name ?? say(locale, 'someone');
  const title =
    notice.kind === 'theme_outcome' ? (data.themeTitle ?? '') : (notice.title ?? data.title ?? '');
  const statusKey = `status.${data.to}`;
  const status = hasText(statusKey) ? say(locale, statusKey) : (data.to ?? '');
  const subjectKey = `subject.${notice.kind}`;
  const subject = say(locale, hasText(subjectKey) ? (subjectKey as TextKey) : 'subject.other', {
    actor,
    title,
    status,
  });
  const where = notice.community_name
    ? say(locale, 'where', { community: notice.community_name })
    : notice.thread_id
      ? say(locale, 'whereNone')
      : '';

  const storedHtml =
    notice.kind === 'theme_outcome'
      ? extra.outcomeHtml
      : notice.kind === 'idea_status'
        ? data.note
          ? `<p>${escapeHtml(data.note)}</p>`
          : null
        : (notice.reply_html ?? notice.thread_html);
  const link = notice.thread_id
    ? `${config.publicUrl}${threadPath(notice.thread_id, notice.title ?? '')}${notice.reply_id ? `#reply-${notice.reply_id}` : ''}`
    : data.themeId
      ? `${config.publicUrl}/themes/${data.themeId}`
      : `${config.publicUrl}/notifications`;
  const scope = noticeKindOf(notice.kind);
  const { html, text } = layout({
    locale,
    lead: [subject, where].filter(Boolean).join(' — '),
    contentHtml: storedHtml ? mailSafeHtml(storedHtml, config.publicUrl) : '',
    contentText: storedHtml ? plainText(storedHtml) : '',
    link,
    settingsUrl: `${config.publicUrl}/settings#mail`,
    unsubscribeUrl: unsubscribeUrl(config, notice.recipient_id, scope),
    replyable: notice.thread_id !== null,
  });
  return {
    to: notice.email,
    personId: notice.recipient_id,
    kind: notice.kind,
    locale,
    subject,
    text,
    html,
    headers: { ...threadHeaders(config, notice), ...listHeaders(config, notice.recipient_id, scope) },
    idempotencyKey: `notice:${notice.recipient_id}:${notice.id}`,
    notBefore: extra.notBefore,
  };
}

/** Message-ID per post and notice; In-Reply-To and References to the thread; Reply-To a signed reply+ address. */
function threadHeaders(config: MailConfig, notice: NoticeRow): Record<string, string> {
  const { domain } = config;
  if (!notice.thread_id) return { 'Message-ID': `<plein.n${notice.id}@${domain}>` };
  const root = threadMessageId(domain, notice.thread_id);
  const post = notice.reply_id ? `t${notice.thread_id}.r${notice.reply_id}` : `t${notice.thread_id}`;
  const parent = notice.parent_id ? `<plein.t${notice.thread_id}.r${notice.parent_id}@${domain}>` : null;
  const token = replyToken(config.secret, notice.recipient_id, {
    threadId: notice.thread_id,
    replyId: notice.reply_id,
  });
  return {
    'Message-ID': `<plein.${post}.n${notice.id}@${domain}>`,
    'In-Reply-To': parent ?? root,
    References: parent ? `${root} ${parent}` : root,
    'Reply-To': `reply+${token}@${domain}`,
  };
}
