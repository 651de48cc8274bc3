import { rebuildParticipation } from '../modules/activity/repository.js';
import { rebuildAnalytics } from '../modules/analytics/refresh.js';
import { hashPassword } from '../platform/auth/secrets.js';
import { inTransaction, type Queryable } from '../platform/db/database.js';
import type { Deps } from '../platform/http/deps.js';
import { renderMarkdown } from '../platform/markdown/render.js';
import { columns, continueIdentity, insertRows } from './bulk-insert.js';
import { DAY, HOUR } from './calendar.js';
import { thresholdOf } from './communities.js';
import { DEMO_DEFAULTS, type DemoOrganisation, generateOrganisation } from './generate.js';
import type { ThreadRecord } from './history.js';
import { notificationsOf } from './notifications.js';
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD } from './organisation.js';
import { writeReads } from './reads.js';
import { activatedAt, alignActivation, writeIdeasAndPraise, writeStrategy } from './seed-conditions.js';

export type DemoSummary = {
  people: number;
  communities: number;
  memberships: number;
  threads: number;
  replies: number;
  reactions: number;
  mentions: number;
  hashtags: number;
  notifications: number;
  themes: number;
  goals: number;
  ideaVotes: number;
  praised: number;
};

export type DemoSize = { seed: string; people: number; threads: number };

// Nodes starting together on an empty database: one seeds, the others find it no longer empty.
const DEMO_LOCK = 7_215_002;

/**
 * Seeds the demo organisation (about 600 people, 40 communities, six months of history) into an empty
 * database in one transaction; returns what it made, or null when the database already has people.
 * Deterministic: the same seed and clock (to the hour) give the same rows, ids included.
 */
export async function seedDemo(deps: Deps, size: Partial<DemoSize> = {}): Promise<DemoSummary | null> {
  if (await hasPeople(deps.db.pool)) return null; // the usual case on every later start: skip the hashing
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Whole hours read naturally ("3 days ago, 14:00") and keep a re-seed within the hour identical.
  const now = Math.floor(deps.clock.now().getTime() / HOUR) * HOUR;
  const organisation = generateOrganisation({ ...DEMO_DEFAULTS, ...size, now });
  const summary = await inTransaction(deps.db.pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    if (await hasPeople(tx)) return null;
    return writeOrganisation(tx, organisation, passwordHash, now);
  });
  // The scorecard reads its own roll-ups; the demo's should be there on the first visit, not after the first job.
  if (summary) await rebuildAnalytics(deps.db.pool, deps.clock.now());
  return summary;
}

/** Lets the node answer a request ("preparing") between stretches of the seed's own work. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

const hasPeople = async (db: Queryable) => (await db.query('select 1 from people limit 1')).rows.length > 0;
const iso = (ms: number) => new Date(ms).toISOString();

export async function writeOrganisation(
  tx: Queryable,
  org: DemoOrganisation,
  passwordHash: string,
  now: number,
): Promise<DemoSummary> {
  const joinedAt = (daysAgo: number) => iso(now - daysAgo * DAY);
  await insertRows(
    tx,
    'people',
    [
      { name: 'id', type: 'bigint' },
      { name: 'handle', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'title', type: 'text' },
      { name: 'department', type: 'text' },
      { name: 'location', type: 'text' },
      { name: 'time_zone', type: 'text' },
      { name: 'manager_id', type: 'bigint' },
      { name: 'is_leader', type: 'boolean' },
      { name: 'role', type: 'text' },
      { name: 'bio', type: 'text' },
      { name: 'avatar_url', type: 'text' },
      { name: 'locale', type: 'text' },
      { name: 'password_hash', type: 'text' },
      { name: 'activated_at', type: 'timestamptz' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
      { name: 'provisioned_via', type: 'text' },
      { name: 'provisioned_at', type: 'timestamptz' },
      { name: 'last_sign_in_at', type: 'timestamptz' },
    ],
    org.people.map((p) => {
      const joined = joinedAt(p.joinedDaysAgo);
      return [
        p.id,
        p.handle,
        `${p.handle}@${DEMO_EMAIL_DOMAIN}`,
        p.name,
        p.title,
        p.department.name,
        p.location.name,
        p.location.timeZone,
        p.manager?.id ?? null,
        p.leader,
        p.role,
        p.bio,
        p.avatarUrl,
        null, // no saved language: the interface follows the browser (Settings changes it); p.locale is what they write
        passwordHash,
        activatedAt(p, now),
        joined,
        joined,
        'demo',
        joined,
        // The demo knows when each person first signed in, not since: that is their last sign-in it can tell.
        activatedAt(p, now),
      ];
    }),
  );
  // unnest() flattens a two-dimensional array, so skills travel as one text per person.
  await tx.query(
    `update people p set skills = string_to_array(x.skills, '|')
       from unnest($1::bigint[], $2::text[]) x(id, skills) where p.id = x.id`,
    [org.people.map((p) => p.id), org.people.map((p) => p.skills.join('|'))],
  );
  await insertRows(
    tx,
    'communities',
    [
      { name: 'id', type: 'bigint' },
      { name: 'slug', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'description', type: 'text' },
      { name: 'visibility', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'viability_threshold', type: 'integer' },
      { name: 'sponsor_id', type: 'bigint' },
      { name: 'created_by', type: 'bigint' },
      { name: 'member_count', type: 'integer' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ],
    org.communities.map((c) => [
      c.id,
      c.slug,
      c.name,
      c.description,
      c.visibility,
      c.kind,
      thresholdOf(c),
      c.sponsor?.id ?? null,
      c.owners[0]!.id,
      c.members.length,
      joinedAt(c.createdDaysAgo),
      joinedAt(c.createdDaysAgo),
    ]),
  );
  const ownerIds = new Map(org.communities.map((c) => [c.id, new Set(c.owners.map((o) => o.id))]));
  await insertRows(
    tx,
    'community_members',
    [
      { name: 'community_id', type: 'bigint' },
      { name: 'person_id', type: 'bigint' },
      { name: 'role', type: 'text' },
      { name: 'joined_at', type: 'timestamptz' },
    ],
    org.communities.flatMap((c) =>
      c.members.map((p) => [
        c.id,
        p.id,
        ownerIds.get(c.id)!.has(p.id) ? 'owner' : 'member',
        joinedAt(Math.min(c.createdDaysAgo, p.joinedDaysAgo)),
      ]),
    ),
  );
  await writeStrategy(tx, org);
  await insertRows(
    tx,
    'person_follows',
    [
      { name: 'follower_id', type: 'bigint' },
      { name: 'followee_id', type: 'bigint' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    org.personFollows.map((f) => [f.followerId, f.followeeId, iso(Math.min(f.at, now))]),
  );

  const threads: ThreadRecord[] = [];
  for (const thread of org.threads) {
    threads.push(thread);
    if (threads.length % 100 === 0) await yieldToRequests();
  }
  const known = new Set(org.people.map((p) => p.handle));
  const idOfHandle = new Map(org.people.map((p) => [p.handle, p.id]));
  const rendered = (body: string) => {
    const out = renderMarkdown(body, known);
    return { html: out.html, mentions: out.mentions.map((h) => idOfHandle.get(h)!), hashtags: out.hashtags };
  };
  const rows = new ContentRows(org);
  for (const [i, thread] of threads.entries()) {
    rows.add(thread, rendered);
    if (i % 100 === 99) await yieldToRequests();
  }
  await rows.write(tx);

  await insertRows(
    tx,
    'hashtag_follows',
    [
      { name: 'person_id', type: 'bigint' },
      { name: 'hashtag_id', type: 'bigint' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    org.hashtagFollows.map((f) => [f.personId, org.hashtags.byTag.get(f.tag)!.id, iso(Math.min(f.at, now))]),
  );
  const notifications = notificationsOf(threads, now, org.themes);
  await insertRows(
    tx,
    'notifications',
    [
      { name: 'recipient_id', type: 'bigint' },
      { name: 'kind', type: 'text' },
      { name: 'actor_id', type: 'bigint' },
      { name: 'thread_id', type: 'bigint' },
      { name: 'reply_id', type: 'bigint' },
      { name: 'community_id', type: 'bigint' },
      { name: 'data', type: 'jsonb' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'read_at', type: 'timestamptz' },
    ],
    notifications.map((n) => [
      n.recipientId,
      n.kind,
      n.actorId,
      n.threadId,
      n.replyId,
      n.communityId,
      JSON.stringify(n.data),
      iso(n.at),
      n.readAt === null ? null : iso(n.readAt),
    ]),
  );
  await writeIdeasAndPraise(tx, threads, org);
  // The roll-ups community health and the scorecard read, and sign-in no later than anyone's first act.
  await rebuildParticipation(tx);
  await alignActivation(tx);
  await writeReads(tx, now);
  await continueIdentity(tx, ['people', 'communities', 'threads', 'replies', 'hashtags', 'themes', 'goals']);
  return {
    people: org.people.length,
    communities: org.communities.length,
    memberships: org.communities.reduce((n, c) => n + c.members.length, 0),
    threads: threads.length,
    replies: rows.replies.length,
    reactions: rows.threadReactions.length + rows.replyReactions.length,
    mentions: rows.mentions.length,
    hashtags: org.hashtags.byTag.size,
    notifications: notifications.length,
    themes: org.themes.length,
    goals: org.goals.length,
    ideaVotes: threads.reduce((n, t) => n + t.votes.length, 0),
    praised: threads.reduce((n, t) => n + t.praised.length, 0),
  };
}

type Rendered = { html: string; mentions: number[]; hashtags: string[] };

/** The rows of every thread, gathered per table so each table is written in a few statements. */
class ContentRows {
  readonly threads: unknown[][] = [];
  readonly replies: unknown[][] = [];
  readonly accepted: [number, number][] = [];
  readonly mentions: unknown[][] = [];
  readonly threadTags: unknown[][] = [];
  readonly follows: unknown[][] = [];
  readonly threadReactions: unknown[][] = [];
  readonly replyReactions: unknown[][] = [];
  readonly statusChanges: unknown[][] = [];

  constructor(private readonly org: DemoOrganisation) {}

  add(t: ThreadRecord, render: (body: string) => Rendered): void {
    const body = render(t.body);
    const lastActivity = iso(t.lastActivityAt);
    this.threads.push([
      t.id,
      t.communityId,
      t.authorId,
      t.kind,
      t.title,
      t.body,
      body.html,
      t.origin,
      t.companyWide,
      t.status,
      t.themeId,
      t.goalId,
      t.votes.length,
      t.replies.length,
      t.firstReplyAt === null ? null : iso(t.firstReplyAt),
      t.acceptedAt === null ? null : iso(t.acceptedAt),
      lastActivity,
      iso(t.createdAt),
    ]);
    if (t.acceptedReplyId !== null) this.accepted.push([t.id, t.acceptedReplyId]);
    for (const personId of body.mentions) this.mentions.push([t.id, null, personId, iso(t.createdAt)]);
    for (const tag of body.hashtags) {
      this.threadTags.push([t.id, this.org.hashtags.idOf(tag, t.createdAt), lastActivity]);
    }
    for (const f of t.follows) this.follows.push([t.id, f.personId, iso(f.at)]);
    for (const r of t.reactions) this.threadReactions.push([t.id, r.personId, r.kind, iso(r.at)]);
    for (const s of t.statusChanges) this.statusChanges.push([t.id, s.from, s.to, s.note, s.by, iso(s.at)]);
    for (const reply of t.replies) {
      const html = render(reply.body);
      this.replies.push([
        reply.id,
        t.id,
        reply.parentId,
        reply.authorId,
        reply.body,
        html.html,
        iso(reply.at),
      ]);
      for (const personId of html.mentions) this.mentions.push([t.id, reply.id, personId, iso(reply.at)]);
      for (const r of reply.reactions) this.replyReactions.push([reply.id, r.personId, r.kind, iso(r.at)]);
    }
  }

  async write(tx: Queryable): Promise<void> {
    const hashtags = [...this.org.hashtags.byTag].map(([tag, h]) => [h.id, tag, iso(h.createdAt)]);
    await insertRows(tx, 'hashtags', columns('id:bigint tag:text created_at:timestamptz'), hashtags);
    await insertRows(
      tx,
      'threads',
      columns(
        'id:bigint community_id:bigint author_id:bigint kind:text title:text body_md:text body_html:text origin:text company_wide:boolean status:text theme_id:bigint goal_id:bigint vote_count:integer reply_count:integer first_reply_at:timestamptz accepted_at:timestamptz last_activity_at:timestamptz created_at:timestamptz',
      ),
      this.threads,
    );
    await insertRows(
      tx,
      'replies',
      columns(
        'id:bigint thread_id:bigint parent_id:bigint author_id:bigint body_md:text body_html:text created_at:timestamptz',
      ),
      this.replies,
    );
    await tx.query(
      `update threads t set accepted_reply_id = x.reply_id
         from unnest($1::bigint[], $2::bigint[]) x(thread_id, reply_id) where t.id = x.thread_id`,
      [this.accepted.map((a) => a[0]), this.accepted.map((a) => a[1])],
    );
    await insertRows(
      tx,
      'mentions',
      columns('thread_id:bigint reply_id:bigint person_id:bigint created_at:timestamptz'),
      this.mentions,
    );
    await insertRows(
      tx,
      'thread_hashtags',
      columns('thread_id:bigint hashtag_id:bigint last_activity_at:timestamptz'),
      this.threadTags,
    );
    await insertRows(
      tx,
      'thread_follows',
      columns('thread_id:bigint person_id:bigint created_at:timestamptz'),
      this.follows,
    );
    const reaction = 'person_id:bigint kind:text created_at:timestamptz';
    await insertRows(tx, 'thread_reactions', columns(`thread_id:bigint ${reaction}`), this.threadReactions);
    await insertRows(tx, 'reply_reactions', columns(`reply_id:bigint ${reaction}`), this.replyReactions);
    await insertRows(
      tx,
      'thread_status_changes',
      columns(
        'thread_id:bigint from_status:text to_status:text note:text changed_by:bigint created_at:timestamptz',
      ),
      this.statusChanges,
    );
  }
}
