import type { Queryable } from '../../platform/db/database.js';
import type { Credentials } from '../client.js';
import {
  buildCommunity,
  buildPerson,
  buildReply,
  buildThread,
  type TestCommunity,
  type TestPerson,
  type TestThread,
  tokenFor,
  unique,
} from '../factories.js';

export const ACTORS = [
  'anonymous',
  'member',
  'nonMember',
  'owner',
  'leader',
  'admin',
  'deactivated',
] as const;
export type Actor = (typeof ACTORS)[number];
export const VISIBILITIES = ['open', 'closed', 'secret'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export type Place = {
  community: TestCommunity;
  owner: TestPerson;
  member: TestPerson;
  thread: TestThread;
  reply: { id: string };
  /** A word written only inside this community: it must never reach someone who may not see it. */
  marker: string;
};

export type World = {
  people: Record<Exclude<Actor, 'anonymous'>, TestPerson>;
  credentials: Record<Actor, Credentials>;
  places: Record<Visibility, Place>;
  /** A company-wide strategic theme that every place's thread is linked to: its figures must not leak either. */
  theme: { id: string };
  db: Queryable;
};

/**
 * One organisation for the matrix: open, closed and secret communities, each with an owner, a member, a thread
 * and a reply; the member and owner of every community are the same people, so "member" means "a member of the
 * community this route is about". nonMember, leader and admin belong to none; deactivated was a member once.
 */
export async function buildWorld(db: Queryable): Promise<World> {
  const member = await buildPerson(db, { name: 'Matrix Member' });
  const owner = await buildPerson(db, { name: 'Matrix Owner' });
  const nonMember = await buildPerson(db, { name: 'Matrix Outsider' });
  const leader = await buildPerson(db, { name: 'Matrix Leader', leader: true });
  const admin = await buildPerson(db, { name: 'Matrix Admin', role: 'admin' });
  const deactivated = await buildPerson(db, { name: 'Matrix Former' });
  const people = { member, owner, nonMember, leader, admin, deactivated };

  const places = {} as Record<Visibility, Place>;
  for (const visibility of VISIBILITIES) {
    const marker = unique(`${visibility}marker`).replaceAll('-', '');
    const community = await buildCommunity(db, {
      visibility,
      owners: [owner],
      members: [member, deactivated],
      // A closed community's name is public by design; a secret one's is not.
      name: visibility === 'secret' ? `Secret ${marker}` : `${visibility} community`,
    });
    const thread = await buildThread(db, {
      author: member,
      community,
      kind: 'question',
      title: `Question ${marker}`,
      body: `About ${marker} #${marker} @${owner.handle}`,
    });
    await db.query('insert into mentions (thread_id, person_id) values ($1, $2)', [thread.id, owner.id]);
    const reply = await buildReply(db, { thread, author: owner, body: `Answer ${marker}` });
    // Earlier versions that name the marker: edit history must not leak it either.
    await db.query(
      `insert into post_versions (thread_id, reply_id, title, body_md, written_at, replaced_at, replaced_by)
       values ($1, null, $3, $4, now(), now(), $5), ($1, $2, '', $4, now(), now(), $6)`,
      [thread.id, reply.id, `Draft ${marker}`, `Before ${marker}`, member.id, owner.id],
    );
    await db.query(
      `insert into notifications (recipient_id, kind, actor_id, thread_id, reply_id, community_id, data)
       values ($1, 'reply_to_thread', $2, $3, $4, $5, $6)`,
      [member.id, owner.id, thread.id, reply.id, community.id, JSON.stringify({ title: thread.title })],
    );
    places[visibility] = { community, owner, member, thread, reply, marker };
  }

  const { rows: themes } = await db.query<{ id: string }>(
    `insert into themes (title, question, owner_id) values ('Matrix theme', 'Where next?', $1) returning id`,
    [leader.id],
  );
  const theme = themes[0]!;
  await db.query('update threads set theme_id = $1 where id = any($2::bigint[])', [
    theme.id,
    Object.values(places).map((place) => place.thread.id),
  ]);

  const credentials = { anonymous: null } as Record<Actor, Credentials>;
  for (const [actor, person] of Object.entries(people)) {
    credentials[actor as Actor] = await tokenFor(db, person);
  }
  // Deactivated after their token was made: the token must stop working.
  await db.query("update people set status = 'deactivated' where id = $1", [deactivated.id]);
  await db.query('update api_tokens set revoked_at = now() where person_id = $1', [deactivated.id]);
  return { people, credentials, places, theme, db };
}

/** Who stands for an actor on a given place: member and owner are that community's. */
export function personFor(world: World, actor: Exclude<Actor, 'anonymous'>, place: Place): TestPerson {
  if (actor === 'member') return place.member;
  if (actor === 'owner') return place.owner;
  return world.people[actor];
}
