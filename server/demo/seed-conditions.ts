/** Writes the six conditions' rows of the demo: themes and outcomes, goals and their scope, idea votes, praise. */
import type { Queryable } from '../platform/db/database.js';
import { renderMarkdown } from '../platform/markdown/render.js';
import { columns, insertRows } from './bulk-insert.js';
import { DAY, HOUR } from './calendar.js';
import type { DemoOrganisation } from './generate.js';
import type { ThreadRecord } from './history.js';
import type { DemoPerson } from './organisation.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** When a person first signed in; null for those provisioned who never did. Never after now. */
export function activatedAt(person: DemoPerson, now: number): string | null {
  if (person.activatedAfterHours === null) return null;
  const joined = now - person.joinedDaysAgo * DAY;
  return iso(Math.min(joined + person.activatedAfterHours * HOUR, now - HOUR));
}

/** Themes and goals come before the threads that link to them. */
export async function writeStrategy(tx: Queryable, org: DemoOrganisation): Promise<void> {
  await insertRows(
    tx,
    'themes',
    columns(
      'id:bigint title:text question:text why:text owner_id:bigint state:text ends_at:timestamptz created_at:timestamptz closed_at:timestamptz',
    ),
    org.themes.map((t) => [
      t.id,
      t.title,
      t.question,
      t.why,
      t.owner.id,
      t.closedAt === null ? 'open' : 'closed',
      t.endsAt === null ? null : iso(t.endsAt),
      iso(t.openedAt),
      t.closedAt === null ? null : iso(t.closedAt),
    ]),
  );
  await insertRows(
    tx,
    'theme_outcomes',
    columns('theme_id:bigint author_id:bigint body_md:text body_html:text created_at:timestamptz'),
    org.themes.flatMap((t) =>
      t.outcomes.map((o) => [t.id, o.authorId, o.body, renderMarkdown(o.body).html, iso(o.at)]),
    ),
  );
  await insertRows(
    tx,
    'theme_follows',
    columns('person_id:bigint theme_id:bigint created_at:timestamptz'),
    org.themes.flatMap((t) => t.followers.map((f) => [f.personId, t.id, iso(f.at)])),
  );
  await insertRows(
    tx,
    'goals',
    columns(
      'id:bigint name:text description:text owner_id:bigint kpi:text target:numeric attainment_target:numeric calendar:jsonb created_at:timestamptz updated_at:timestamptz',
    ),
    org.goals.map((g) => [
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
    ]),
  );
  await insertRows(
    tx,
    'goal_communities',
    columns('goal_id:bigint community_id:bigint'),
    org.goals.flatMap((g) => [...g.communityIds].map((communityId) => [g.id, communityId])),
  );
}

/** After the threads and hashtags: votes, praise recipients, and goals' hashtag scopes. */
export async function writeIdeasAndPraise(
  tx: Queryable,
  threads: ThreadRecord[],
  org: DemoOrganisation,
): Promise<void> {
  await insertRows(
    tx,
    'idea_votes',
    columns('thread_id:bigint person_id:bigint created_at:timestamptz'),
    threads.flatMap((t) => t.votes.map((v) => [t.id, v.personId, iso(v.at)])),
  );
  await insertRows(
    tx,
    'praise_recipients',
    columns('thread_id:bigint person_id:bigint'),
    threads.flatMap((t) => t.praised.map((personId) => [t.id, personId])),
  );
  await insertRows(
    tx,
    'goal_hashtags',
    columns('goal_id:bigint hashtag_id:bigint'),
    org.goals.flatMap((g) =>
      g.tags.flatMap((tag) => {
        const hashtag = org.hashtags.byTag.get(tag);
        return hashtag ? [[g.id, hashtag.id]] : [];
      }),
    ),
  );
}

/** Every row the seed writes that names a person, with its time: none may come before that person's account. */
const PERSON_REFERENCES = [
  'threads.author_id',
  'replies.author_id',
  'thread_reactions.person_id',
  'reply_reactions.person_id',
  'idea_votes.person_id',
  'thread_status_changes.changed_by',
  'thread_follows.person_id',
  'mentions.person_id',
  'notifications.recipient_id',
  'notifications.actor_id',
  'person_follows.follower_id',
  'person_follows.followee_id',
  'hashtag_follows.person_id',
  'theme_follows.person_id',
  'theme_outcomes.author_id',
  'themes.owner_id',
  'goals.owner_id',
  'communities.created_by',
  'communities.sponsor_id',
  'community_members.person_id:joined_at',
] as const;

/**
 * Nobody acts before their account exists or before they first signed in: moves the account's creation back to
 * the first row that names the person (a community they set up or sponsor before the launch, a membership, a
 * mention …), and the sign-in back to their first post, reply, reaction or vote where it came later.
 */
export async function alignActivation(tx: Queryable): Promise<void> {
  const references = PERSON_REFERENCES.map((reference) => {
    const [column, stamp = 'created_at'] = reference.split(':') as [string, string?];
    const [table, person] = column.split('.') as [string, string];
    return `select ${person} as person_id, ${stamp} as at from ${table} where ${person} is not null`;
  });
  await tx.query(`
    update people p set created_at = least(p.created_at, first.at), updated_at = least(p.updated_at, first.at)
      from (select person_id, min(at) as at from (${references.join(' union all ')}) refs group by person_id) first
     where first.person_id = p.id and p.created_at > first.at`);
  await tx.query(`
    update people p set activated_at = least(p.activated_at, first.at), created_at = least(p.created_at, first.at),
                        updated_at = least(p.updated_at, first.at)
      from (select person_id, min(at) as at from (
              select author_id as person_id, created_at as at from threads
              union all select author_id, created_at from replies
              union all select person_id, created_at from thread_reactions
              union all select person_id, created_at from reply_reactions
              union all select person_id, created_at from idea_votes
              union all select author_id, created_at from theme_outcomes
              union all select owner_id, created_at from themes
              union all select owner_id, created_at from goals
              union all select changed_by, created_at from thread_status_changes) acts
            group by person_id) first
     where first.person_id = p.id and (p.activated_at > first.at or p.created_at > first.at)`);
}
