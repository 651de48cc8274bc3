import type pg from 'pg';
import { DAY } from '../../server/demo/calendar.js';
import { thresholdOf } from '../../server/demo/communities.js';
import type { DemoOrganisation } from '../../server/demo/generate.js';
import { DEMO_EMAIL_DOMAIN } from '../../server/demo/organisation.js';
import { activatedAt } from '../../server/demo/seed-conditions.js';
import { renderMarkdown } from '../../server/platform/markdown/render.js';
import { CopyTable } from './copy.js';
import { fastHtml } from './fast-html.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A post's reaction counts per kind, as its reaction_counts column holds them: written with the post, since the
 * load runs with the counting triggers off (load.ts) and the reactions arrive on other connections meanwhile.
 */
function countsOf(reactions: readonly { kind: string }[]): string {
  const counts: Record<string, number> = {};
  for (const { kind } of reactions) counts[kind] = (counts[kind] ?? 0) + 1;
  return JSON.stringify(counts);
}

/** Every table the organisation fills, with the columns it loads. */
const TABLES = {
  people:
    'id handle email name title department location time_zone manager_id is_leader role skills bio avatar_url locale password_hash activated_at created_at updated_at',
  communities:
    'id slug name description visibility kind viability_threshold sponsor_id created_by member_count created_at updated_at',
  community_members: 'community_id person_id role joined_at',
  person_follows: 'follower_id followee_id created_at',
  hashtag_follows: 'person_id hashtag_id created_at',
  threads:
    'id community_id author_id kind title body_md body_html origin company_wide status theme_id goal_id vote_count accepted_reply_id reply_count reaction_counts first_reply_at accepted_at last_activity_at created_at',
  replies: 'id thread_id parent_id author_id body_md body_html reaction_counts created_at',
  mentions: 'thread_id reply_id person_id created_at',
  hashtags: 'id tag created_at',
  thread_hashtags: 'thread_id hashtag_id last_activity_at',
  thread_follows: 'thread_id person_id created_at',
  thread_reactions: 'thread_id person_id kind created_at',
  reply_reactions: 'reply_id person_id kind created_at',
  thread_status_changes: 'thread_id from_status to_status note changed_by created_at',
  themes: 'id title question why owner_id state ends_at created_at closed_at',
  theme_outcomes: 'theme_id author_id body_md body_html created_at',
  theme_follows: 'person_id theme_id created_at',
  goals: 'id name description owner_id kpi target attainment_target calendar created_at updated_at',
  goal_communities: 'goal_id community_id',
  goal_hashtags: 'goal_id hashtag_id',
  idea_votes: 'thread_id person_id created_at',
  praise_recipients: 'thread_id person_id',
} as const;

export type TableName = keyof typeof TABLES;
export const LOADED_TABLES = Object.keys(TABLES) as TableName[];

/**
 * Streams the organisation into a PostgreSQL server, one COPY per table on its own connection, while it is
 * generated; `progress` hears about every 10,000 threads.
 */
export async function copyOrganisation(
  pool: pg.Pool,
  org: DemoOrganisation,
  passwordHash: string,
  now: number,
  progress: (posts: number) => void = () => {},
): Promise<Record<TableName, number>> {
  const open = await Promise.all(LOADED_TABLES.map((table) => CopyTable.open(pool, table, TABLES[table])));
  const copy = Object.fromEntries(LOADED_TABLES.map((table, i) => [table, open[i]!])) as Record<
    TableName,
    CopyTable
  >;
  const at = (daysAgo: number) => iso(now - daysAgo * DAY);
  for (const p of org.people) {
    const joined = at(p.joinedDaysAgo);
    copy.people.row([
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
      p.skills,
      p.bio,
      p.avatarUrl,
      p.locale,
      passwordHash,
      activatedAt(p, now),
      joined,
      joined,
    ]);
  }
  for (const c of org.communities) {
    const created = at(c.createdDaysAgo);
    copy.communities.row([
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
      created,
      created,
    ]);
    const owners = new Set(c.owners);
    for (const p of c.members) {
      copy.community_members.row([
        c.id,
        p.id,
        owners.has(p) ? 'owner' : 'member',
        at(Math.min(c.createdDaysAgo, p.joinedDaysAgo)),
      ]);
    }
    await copy.community_members.flush();
  }
  for (const f of org.personFollows) {
    copy.person_follows.row([f.followerId, f.followeeId, iso(Math.min(f.at, now))]);
  }
  for (const f of org.hashtagFollows) {
    copy.hashtag_follows.row([f.personId, org.hashtags.byTag.get(f.tag)!.id, iso(Math.min(f.at, now))]);
  }
  await Promise.all([copy.people.flush(), copy.person_follows.flush()]);
  copyStrategy(copy, org);

  let posts = 0;
  let reported = 0;
  for (const t of org.threads) {
    const lastActivity = iso(t.lastActivityAt);
    const created = iso(t.createdAt);
    copy.threads.row([
      t.id,
      t.communityId,
      t.authorId,
      t.kind,
      t.title,
      t.body,
      fastHtml(t.body),
      t.origin,
      t.companyWide,
      t.status,
      t.themeId,
      t.goalId,
      t.votes.length,
      t.acceptedReplyId,
      t.replies.length,
      countsOf(t.reactions),
      t.firstReplyAt === null ? null : iso(t.firstReplyAt),
      t.acceptedAt === null ? null : iso(t.acceptedAt),
      lastActivity,
      created,
    ]);
    for (const personId of t.mentions) copy.mentions.row([t.id, null, personId, created]);
    for (const tag of t.tags)
      copy.thread_hashtags.row([t.id, org.hashtags.idOf(tag, t.createdAt), lastActivity]);
    for (const f of t.follows) copy.thread_follows.row([t.id, f.personId, iso(f.at)]);
    for (const r of t.reactions) copy.thread_reactions.row([t.id, r.personId, r.kind, iso(r.at)]);
    for (const s of t.statusChanges)
      copy.thread_status_changes.row([t.id, s.from, s.to, s.note, s.by, iso(s.at)]);
    for (const v of t.votes) copy.idea_votes.row([t.id, v.personId, iso(v.at)]);
    for (const personId of t.praised) copy.praise_recipients.row([t.id, personId]);
    for (const reply of t.replies) {
      const replied = iso(reply.at);
      copy.replies.row([
        reply.id,
        t.id,
        reply.parentId,
        reply.authorId,
        reply.body,
        fastHtml(reply.body),
        countsOf(reply.reactions),
        replied,
      ]);
      for (const personId of reply.mentions) copy.mentions.row([t.id, reply.id, personId, replied]);
      for (const r of reply.reactions) copy.reply_reactions.row([reply.id, r.personId, r.kind, iso(r.at)]);
    }
    posts += 1 + t.replies.length;
    if (posts - reported >= 100_000) {
      reported = posts;
      progress(posts);
      await Promise.all(open.map((table) => table.flush()));
    }
  }
  for (const [tag, h] of org.hashtags.byTag) copy.hashtags.row([h.id, tag, iso(h.createdAt)]);
  for (const g of org.goals) {
    for (const tag of g.tags) {
      const hashtag = org.hashtags.byTag.get(tag);
      if (hashtag) copy.goal_hashtags.row([g.id, hashtag.id]);
    }
  }
  await Promise.all(open.map((table) => table.end()));
  return Object.fromEntries(LOADED_TABLES.map((table) => [table, copy[table].rows])) as Record<
    TableName,
    number
  >;
}

/** Themes with their outcomes and followers, goals with their communities: a handful of rows, before the threads. */
function copyStrategy(copy: Record<TableName, CopyTable>, org: DemoOrganisation): void {
  for (const t of org.themes) {
    copy.themes.row([
      t.id,
      t.title,
      t.question,
      t.why,
      t.owner.id,
      t.closedAt === null ? 'open' : 'closed',
      t.endsAt === null ? null : iso(t.endsAt),
      iso(t.openedAt),
      t.closedAt === null ? null : iso(t.closedAt),
    ]);
    for (const o of t.outcomes) {
      copy.theme_outcomes.row([t.id, o.authorId, o.body, renderMarkdown(o.body).html, iso(o.at)]);
    }
    for (const f of t.followers) copy.theme_follows.row([f.personId, t.id, iso(f.at)]);
  }
  for (const g of org.goals) {
    copy.goals.row([
      g.id,
      g.name,
      g.description,
      g.owner.id,
      g.kpi,
      g.target,
      g.attainmentTarget,
      g.calendar === null ? null : JSON.stringify(g.calendar),
      iso(g.createdAt),
      iso(g.createdAt),
    ]);
    for (const communityId of g.communityIds) copy.goal_communities.row([g.id, communityId]);
  }
}
