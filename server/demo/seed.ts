import { hashPassword } from '../platform/auth/secrets.js';
import { inTransaction, type Queryable } from '../platform/db/database.js';
import type { Deps } from '../platform/http/deps.js';
import { renderMarkdown } from '../platform/markdown/render.js';
import { conversations, type DemoReactions, type DemoThread } from './conversations.js';
import { communities, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, people, personFollows } from './organisation.js';

export type DemoSummary = {
  people: number;
  communities: number;
  memberships: number;
  threads: number;
  replies: number;
  reactions: number;
  mentions: number;
  hashtags: number;
};

// Nodes starting together on an empty database: one seeds, the others find it no longer empty.
const DEMO_LOCK = 7_215_002;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Seeds the small built-in demo organisation (people, communities, conversations) into an empty database,
 * in one transaction; returns what it made, or null when the database already has people.
 * Deterministic: the same clock gives the same data; every time lies in the past weeks.
 */
export async function seedDemo(deps: Deps): Promise<DemoSummary | null> {
  if (await hasPeople(deps.db.pool)) return null; // the usual case on every later start: skip the hashing
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Whole hours read naturally ("3 days ago, 14:00"); nothing lands after now.
  const now = new Date(Math.floor(deps.clock.now().getTime() / (60 * MINUTE)) * 60 * MINUTE);
  return inTransaction(deps.db.pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [DEMO_LOCK]);
    if (await hasPeople(tx)) return null;
    const seeder = new Seeder(tx, now);
    await seeder.people(passwordHash);
    await seeder.communities();
    for (const thread of conversations) await seeder.thread(thread);
    return seeder.summary;
  });
}

const hasPeople = async (db: Queryable) => (await db.query('select 1 from people limit 1')).rows.length > 0;

class Seeder {
  readonly summary: DemoSummary = {
    people: 0,
    communities: 0,
    memberships: 0,
    threads: 0,
    replies: 0,
    reactions: 0,
    mentions: 0,
    hashtags: 0,
  };
  private readonly personIds = new Map<string, string>();
  private readonly communityIds = new Map<string, string>();
  private readonly hashtagIds = new Map<string, string>();

  constructor(
    private readonly tx: Queryable,
    private readonly now: Date,
  ) {}

  private ago(days: number, minutes = 0): Date {
    const at = new Date(this.now.getTime() - days * DAY + minutes * MINUTE);
    if (at > this.now) throw new Error(`Demo data lies in the future: ${days} days ago + ${minutes} minutes`);
    return at;
  }

  private id(handle: string): string {
    const id = this.personIds.get(handle);
    if (!id) throw new Error(`Demo data names an unknown person: ${handle}`);
    return id;
  }

  async people(passwordHash: string): Promise<void> {
    const joined = this.ago(60);
    for (const person of people) {
      const { rows } = await this.tx.query<{ id: string }>(
        `insert into people (handle, email, name, title, department, location, time_zone, manager_id, is_leader,
                             role, skills, bio, locale, password_hash, activated_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15) returning id`,
        [
          person.handle,
          `${person.handle}@${DEMO_EMAIL_DOMAIN}`,
          person.name,
          person.title,
          person.department,
          person.location,
          person.location === 'Londen' ? 'Europe/London' : 'Europe/Amsterdam',
          person.manager ? this.id(person.manager) : null,
          person.leader ?? false,
          person.role ?? 'member',
          person.skills,
          person.bio,
          person.locale,
          passwordHash,
          joined,
        ],
      );
      this.personIds.set(person.handle, rows[0]!.id);
    }
    for (const [follower, followee] of personFollows) {
      await this.tx.query(
        'insert into person_follows (follower_id, followee_id, created_at) values ($1, $2, $3)',
        [this.id(follower), this.id(followee), this.ago(50)],
      );
    }
    this.summary.people = people.length;
  }

  async communities(): Promise<void> {
    for (const community of communities) {
      const created = this.ago(community.createdDaysAgo);
      const members =
        community.members === '*'
          ? people.map((p) => p.handle).filter((handle) => !community.owners.includes(handle))
          : community.members;
      const { rows } = await this.tx.query<{ id: string }>(
        `insert into communities (slug, name, description, visibility, kind, viability_threshold, sponsor_id,
                                  created_by, member_count, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id`,
        [
          community.slug,
          community.name,
          community.description,
          community.visibility,
          community.kind,
          community.kind === 'general' ? 250 : 25,
          this.id(community.sponsor),
          this.id(community.owners[0]!),
          community.owners.length + members.length,
          created,
        ],
      );
      const id = rows[0]!.id;
      this.communityIds.set(community.slug, id);
      const roles = [
        ...community.owners.map((handle) => [handle, 'owner'] as const),
        ...members.map((handle) => [handle, 'member'] as const),
      ];
      for (const [handle, role] of roles) {
        await this.tx.query(
          'insert into community_members (community_id, person_id, role, joined_at) values ($1, $2, $3, $4)',
          [id, this.id(handle), role, created],
        );
      }
      this.summary.memberships += roles.length;
    }
    this.summary.communities = communities.length;
  }

  async thread(thread: DemoThread): Promise<void> {
    const created = this.ago(thread.daysAgo);
    const at = (minutes: number) => this.ago(thread.daysAgo, minutes);
    const author = people.find((p) => p.handle === thread.author)!;
    const replyTimes = thread.replies.map((reply) => at(reply.after));
    const firstByOthers = thread.replies.find((reply) => reply.author !== thread.author);
    const lastActivity = replyTimes.at(-1) ?? created;
    const accepted = thread.replies.find((reply) => reply.key && reply.key === thread.accepted);
    const status =
      thread.kind === 'question'
        ? accepted
          ? 'answered'
          : 'open'
        : thread.kind === 'idea'
          ? (thread.review?.to ?? 'new')
          : null;
    const rendered = this.render(thread.body);
    const { rows } = await this.tx.query<{ id: string }>(
      `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, company_wide, status,
                            reply_count, first_reply_at, accepted_at, last_activity_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
      [
        thread.community ? this.communityIds.get(thread.community) : null,
        this.id(thread.author),
        thread.kind,
        thread.title,
        thread.body,
        rendered.html,
        author.leader ? 'top_down' : 'bottom_up',
        thread.kind === 'announcement' && thread.community === null,
        status,
        thread.replies.length,
        firstByOthers ? at(firstByOthers.after) : null,
        accepted ? at(accepted.after + 30) : null,
        lastActivity,
        created,
      ],
    );
    const threadId = rows[0]!.id;
    this.summary.threads++;
    await this.mentions(threadId, null, rendered.mentions, created);
    await this.hashtags(threadId, rendered.hashtags, lastActivity, created);
    await this.follow(threadId, thread.author, created);
    await this.reactions('thread_reactions', 'thread_id', threadId, thread.reactions, at(60));
    if (thread.review) {
      await this.tx.query(
        `insert into thread_status_changes (thread_id, from_status, to_status, note, changed_by, created_at)
         values ($1, 'new', $2, $3, $4, $5)`,
        [threadId, thread.review.to, thread.review.note, this.id(thread.review.by), at(thread.review.after)],
      );
    }
    const replyIds = new Map<string, string>();
    for (const [i, reply] of thread.replies.entries()) {
      const when = replyTimes[i]!;
      const body = this.render(reply.body);
      const parentId = reply.parent ? replyIds.get(reply.parent) : null;
      if (parentId === undefined) throw new Error(`Demo reply points to an unknown parent: ${reply.parent}`);
      const inserted = await this.tx.query<{ id: string }>(
        `insert into replies (thread_id, parent_id, author_id, body_md, body_html, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [threadId, parentId, this.id(reply.author), reply.body, body.html, when],
      );
      const replyId = inserted.rows[0]!.id;
      if (reply.key) replyIds.set(reply.key, replyId);
      this.summary.replies++;
      await this.mentions(threadId, replyId, body.mentions, when);
      await this.follow(threadId, reply.author, when);
      const reactedAt = new Date(Math.min(when.getTime() + 30 * MINUTE, this.now.getTime()));
      await this.reactions('reply_reactions', 'reply_id', replyId, reply.reactions, reactedAt);
    }
    if (accepted) {
      await this.tx.query('update threads set accepted_reply_id = $2 where id = $1', [
        threadId,
        replyIds.get(accepted.key!),
      ]);
    }
  }

  private render(body: string) {
    const rendered = renderMarkdown(body, new Set(this.personIds.keys()));
    for (const handle of rendered.mentions) this.id(handle); // a typo in a demo mention fails loudly
    return rendered;
  }

  private async mentions(threadId: string, replyId: string | null, handles: string[], at: Date) {
    for (const handle of handles) {
      await this.tx.query(
        'insert into mentions (thread_id, reply_id, person_id, created_at) values ($1, $2, $3, $4)',
        [threadId, replyId, this.id(handle), at],
      );
      this.summary.mentions++;
    }
  }

  private async hashtags(threadId: string, tags: string[], lastActivity: Date, at: Date) {
    for (const tag of tags) {
      let hashtagId = this.hashtagIds.get(tag);
      if (!hashtagId) {
        const { rows } = await this.tx.query<{ id: string }>(
          'insert into hashtags (tag, created_at) values ($1, $2) returning id',
          [tag, at],
        );
        hashtagId = rows[0]!.id;
        this.hashtagIds.set(tag, hashtagId);
        this.summary.hashtags++;
      }
      await this.tx.query(
        'insert into thread_hashtags (thread_id, hashtag_id, last_activity_at) values ($1, $2, $3)',
        [threadId, hashtagId, lastActivity],
      );
    }
  }

  private async follow(threadId: string, handle: string, at: Date) {
    await this.tx.query(
      `insert into thread_follows (thread_id, person_id, created_at) values ($1, $2, $3) on conflict do nothing`,
      [threadId, this.id(handle), at],
    );
  }

  private async reactions(
    table: 'thread_reactions' | 'reply_reactions',
    column: 'thread_id' | 'reply_id',
    targetId: string,
    reactions: DemoReactions | undefined,
    at: Date,
  ) {
    for (const [kind, handles] of Object.entries(reactions ?? {})) {
      for (const handle of handles) {
        await this.tx.query(
          `insert into ${table} (${column}, person_id, kind, created_at) values ($1, $2, $3, $4)`,
          [targetId, this.id(handle), kind, at],
        );
        this.summary.reactions++;
      }
    }
  }
}
