import type { MailDefaults } from '../../../contract/mail.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { loadMailDefaults } from '../settings/mail-defaults.js';
import { listHeaders, threadPath, unsubscribeUrl } from './compose.js';
import {
  claimDigests,
  type DigestCandidate,
  type DigestItem,
  type DigestNotice,
  type DigestWanted,
  digestCandidates,
  rankDigestItems,
  unreadNoticesFor,
} from './digest-repository.js';
import { enqueueMails, type NewMail } from './enqueue.js';
import { layout } from './layout.js';
import { BOUNCE_LIMIT } from './notices.js';
import { afterQuietHours, channelFor, digestFor, noticeKindOf } from './preferences.js';
import { escapeHtml } from './safe-html.js';
import { type Locale, say } from './texts.js';

const DAY = 86_400_000;
const PERIOD = { daily: DAY, weekly: 7 * DAY } as const;
/** At most this many threads in one digest: the best of what was missed, not everything. */
export const DIGEST_ITEMS = 8;
const PAGE = 200;

type Decision = { action: 'send' | 'skip' | 'advance'; since: Date };

/** Whether a person gets a digest now, covering what since; 'advance' starts their next period without one. */
export function digestDecision(person: DigestCandidate, defaults: MailDefaults, now: Date): Decision {
  const frequency = digestFor(person.preferences, defaults);
  const skip: Decision = { action: 'skip', since: now };
  if (frequency === 'never' || person.bounce_score >= BOUNCE_LIMIT) return skip;
  // Someone away for more than a year has left in all but name: mail would only annoy or bounce.
  if (person.last_active_at.getTime() < now.getTime() - 365 * DAY) return skip;
  const period = PERIOD[frequency];
  if (person.last_digest_at && now.getTime() - person.last_digest_at.getTime() < period) return skip;
  const since = person.last_digest_at ?? new Date(now.getTime() - period);
  // Active since the last one: they saw it themselves; their next period starts now.
  return { action: person.last_active_at > since ? 'advance' : 'send', since };
}

/**
 * Sends the digests that are due, a page of people at a time (keyset over people), each page in a handful of
 * set-based statements: who may be due, the ranking for all of them, their unread notices, and one short
 * transaction that claims their periods and stores their mails. So a run over many people never holds the
 * database, and a page costs the same round trips for 1 person as for 200. Safe on several nodes: a period is
 * claimed once (claimDigests), and each mail has an idempotency key per person and day. Returns how many digests
 * were enqueued.
 */
export async function runDigests(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const defaults = await loadMailDefaults(deps.db.pool);
  const due = {
    defaultFrequency: defaults.digest,
    dailyBefore: new Date(now.getTime() - PERIOD.daily),
    weeklyBefore: new Date(now.getTime() - PERIOD.weekly),
    bounceLimit: BOUNCE_LIMIT,
  };
  let after = '0';
  let sent = 0;
  for (;;) {
    const people = await digestCandidates(deps.db.pool, after, PAGE, due);
    if (people.length === 0) return sent;
    after = people.at(-1)!.id;
    sent += await digestPage(deps, people, defaults, now);
  }
}

async function digestPage(
  deps: Deps,
  people: DigestCandidate[],
  defaults: MailDefaults,
  now: Date,
): Promise<number> {
  const decided = people
    .map((person) => ({ person, ...digestDecision(person, defaults, now) }))
    .filter((entry) => entry.action !== 'skip');
  if (decided.length === 0) return 0;
  const wanted: DigestWanted[] = decided
    .filter((entry) => entry.action === 'send')
    .map((entry) => ({ personId: entry.person.id, since: entry.since }));
  // Read outside the transaction: the ranking may take a while, and it writes nothing.
  const [items, notices] = await Promise.all([
    rankDigestItems(deps.db.pool, wanted, DIGEST_ITEMS),
    unreadNoticesFor(deps.db.pool, wanted),
  ]);
  const mails = new Map<string, NewMail>();
  for (const { person, action, since } of decided) {
    if (action !== 'send') continue;
    const forDigest = (notices.get(person.id) ?? []).filter(
      (notice) => channelFor(person.preferences, defaults, noticeKindOf(notice.kind)) === 'digest',
    );
    const best = items.get(person.id) ?? [];
    // Nothing to say: no mail, but the period is over all the same.
    if (best.length === 0 && forDigest.length === 0) continue;
    const locale = person.locale ?? deps.config.language;
    mails.set(
      person.id,
      composeDigest(deps, person, { locale, since, items: best, notices: forDigest, now }),
    );
  }
  const claims = decided.map(({ person }) => ({
    personId: person.id,
    dueBefore: new Date(
      now.getTime() - PERIOD[digestFor(person.preferences, defaults) as keyof typeof PERIOD],
    ),
  }));
  return inTransaction(deps.db.pool, async (tx) => {
    const claimed = await claimDigests(tx, claims, now);
    const mine = [...mails].filter(([personId]) => claimed.has(personId)).map(([, mail]) => mail);
    return (await enqueueMails(tx, mine, now)).length;
  });
}

function composeDigest(
  deps: Deps,
  person: DigestCandidate,
  what: { locale: Locale; since: Date; items: DigestItem[]; notices: DigestNotice[]; now: Date },
): NewMail {
  const config = deps.config.mail;
  const { locale } = what;
  const since = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' }).format(
    what.since,
  );
  const link = (id: string, title: string) => `${config.publicUrl}${threadPath(id, title)}`;
  const lines = what.items.map((item) =>
    say(locale, 'digestItem', {
      title: item.title,
      community: item.community_name ?? '—',
      replies: item.reply_count,
    }),
  );
  const forYou = what.notices.slice(0, 10);
  const html = [
    `<p>${escapeHtml(say(locale, 'digestIntro', { since }))}</p>`,
    `<ul>${what.items
      .map(
        (item, index) =>
          `<li><a href="${escapeHtml(link(item.id, item.title))}">${escapeHtml(lines[index]!)}</a></li>`,
      )
      .join('')}</ul>`,
    forYou.length
      ? `<p><strong>${escapeHtml(say(locale, 'forYou'))}</strong></p><ul>${forYou
          .map((notice) => `<li>${escapeHtml(notice.title ?? '')}</li>`)
          .join('')}</ul>`
      : '',
  ].join('');
  const text = [
    say(locale, 'digestIntro', { since }),
    ...what.items.map((item, index) => `- ${lines[index]}\n  ${link(item.id, item.title)}`),
    ...(forYou.length
      ? ['', say(locale, 'forYou'), ...forYou.map((notice) => `- ${notice.title ?? ''}`)]
      : []),
  ].join('\n');
  const subject = say(locale, 'subject.digest');
  const body = layout({
    locale,
    lead: subject,
    contentHtml: html,
    contentText: text,
    link: config.publicUrl,
    settingsUrl: `${config.publicUrl}/settings#mail`,
    unsubscribeUrl: unsubscribeUrl(config, person.id, 'digest'),
    replyable: false,
  });
  return {
    to: person.email,
    personId: person.id,
    kind: 'digest',
    locale,
    subject,
    text: body.text,
    html: body.html,
    headers: {
      'Message-ID': `<plein.digest.${person.id}.${what.now.toISOString().slice(0, 10)}@${config.domain}>`,
      ...listHeaders(config, person.id, 'digest'),
    },
    idempotencyKey: `digest:${person.id}:${what.now.toISOString().slice(0, 10)}`,
    // Like every mail to a person: not in their quiet hours.
    notBefore: afterQuietHours(
      what.now,
      person.time_zone,
      person.preferences?.quiet_start ?? null,
      person.preferences?.quiet_end ?? null,
    ),
  };
}
