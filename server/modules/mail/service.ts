import type { z } from 'zod';
import {
  MAIL_NOTICE_KINDS,
  type MailNoticeKind,
  type MailPreferences,
  type OutboundMail,
  type UpdateMailPreferences,
} from '../../../contract/mail.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { badCursor, decodeCursor, isBigintText, toPage } from '../../platform/http/cursor.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound } from '../../platform/http/problem.js';
import { requireVisible } from '../communities/access.js';
import { loadMailDefaults } from '../settings/mail-defaults.js';
import { loadReadableThread } from '../threads/policy.js';
import { listMail, type OutboundRow } from './outbox-repository.js';
import { channelFor, digestFor } from './preferences.js';
import * as repository from './preferences-repository.js';
import { readUnsubscribeToken } from './tokens.js';

/** The viewer's mail settings as they apply: their own choices over the organisation's defaults. */
export async function getPreferences(deps: Deps, viewer: Viewer): Promise<MailPreferences> {
  const db = deps.db.pool;
  const [stored, defaults, mutes, timeZone] = await Promise.all([
    repository.storedPreferences(db, viewer.id),
    loadMailDefaults(db),
    repository.mutesOf(db, viewer.id),
    repository.personTimeZone(db, viewer.id),
  ]);
  const kinds = Object.fromEntries(
    MAIL_NOTICE_KINDS.map((kind) => [kind, channelFor(stored, defaults, kind)]),
  );
  const own = [...Object.keys(stored?.kinds ?? {}), ...(stored?.digest ? ['digest'] : [])];
  return {
    kinds: kinds as MailPreferences['kinds'],
    digest: digestFor(stored, defaults),
    quietHours:
      stored?.quiet_start != null && stored.quiet_end != null
        ? { start: stored.quiet_start, end: stored.quiet_end }
        : null,
    timeZone: timeZone ?? 'UTC',
    ownChoices: own,
    mutes: mutes.map((mute) => ({
      thread: mute.thread_id ? { id: mute.thread_id, title: mute.thread_title ?? '' } : null,
      community: mute.community_slug ? { slug: mute.community_slug, name: mute.community_name ?? '' } : null,
    })),
  };
}

export async function updatePreferences(
  deps: Deps,
  viewer: Viewer,
  changes: z.infer<typeof UpdateMailPreferences>,
): Promise<MailPreferences> {
  await repository.savePreferences(
    deps.db.pool,
    viewer.id,
    { kinds: changes.kinds, digest: changes.digest, quiet: changes.quietHours },
    deps.clock.now(),
  );
  return getPreferences(deps, viewer);
}

/** Muting needs the right to read: nobody learns through a mute that a secret thread exists. */
export async function muteThread(deps: Deps, viewer: Viewer, threadId: string, on: boolean): Promise<void> {
  await loadReadableThread(deps.db.pool, viewer, threadId);
  await repository.setMute(deps.db.pool, viewer.id, { threadId }, on, deps.clock.now());
}

export async function muteCommunity(deps: Deps, viewer: Viewer, slug: string, on: boolean): Promise<void> {
  const community = await requireVisible(deps.db.pool, viewer, { slug });
  await repository.setMute(deps.db.pool, viewer.id, { communityId: community.id }, on, deps.clock.now());
}

/** What a one-click link turns off, and whether it already is; 404 for a token this server did not sign. */
export async function previewUnsubscribe(deps: Deps, token: string) {
  const { personId, scope } = readToken(deps, token);
  const db = deps.db.pool;
  const [stored, defaults] = await Promise.all([
    repository.storedPreferences(db, personId),
    loadMailDefaults(db),
  ]);
  const alreadyOff =
    scope === 'digest'
      ? digestFor(stored, defaults) === 'never'
      : channelFor(stored, defaults, scope) !== 'email';
  return { scope, alreadyOff };
}

/**
 * RFC 8058 one-click: the same settings a person changes in Settings — that kind of notice stays in the app
 * (it is not mailed any more), or the digest is set to never. Repeating it changes nothing more.
 */
export async function unsubscribe(deps: Deps, token: string) {
  const { personId, scope } = readToken(deps, token);
  const changes = scope === 'digest' ? { digest: 'never' as const } : { kinds: { [scope]: 'app' as const } };
  const db = deps.db.pool;
  const [stored, defaults] = await Promise.all([
    repository.storedPreferences(db, personId),
    loadMailDefaults(db),
  ]);
  // A kind already off altogether stays off: unsubscribing never turns a notice back on.
  if (scope === 'digest' || channelFor(stored, defaults, scope) !== 'off') {
    await repository.savePreferences(db, personId, changes, deps.clock.now());
  }
  return { scope, unsubscribed: true as const };
}

function readToken(deps: Deps, token: string): { personId: string; scope: MailNoticeKind | 'digest' } {
  const read = readUnsubscribeToken(deps.config.mail.secret, token);
  const scope = read?.scope as MailNoticeKind | 'digest' | undefined;
  if (!read || !scope || (scope !== 'digest' && !MAIL_NOTICE_KINDS.includes(scope))) {
    throw notFound('unsubscribe link');
  }
  return { personId: read.personId, scope };
}

/** The outbox (admins): every mail Plein composed, newest first — without SMTP, what would have been sent. */
export async function listOutbox(deps: Deps, query: { cursor?: string; limit: number }) {
  const before = decodeCursor(query.cursor, ['string'] as const)?.[0] ?? null;
  // The key is a row id: anything else was not made by this list (and would fail as a bigint).
  if (before !== null && !isBigintText(before)) throw badCursor();
  const rows = await listMail(deps.db.pool, before, query.limit + 1);
  return toPage(rows, query.limit, presentMail, (row) => [row.id]);
}

export const outboxStatus = (deps: Deps) => ({ smtp: deps.config.mail.smtpUrl !== null });

function presentMail(row: OutboundRow): OutboundMail {
  return {
    id: row.id,
    to: row.to_address,
    kind: row.kind,
    locale: row.locale,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    headers: row.headers,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}
