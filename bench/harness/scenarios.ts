/** What the bench asks of Plein, as signed-in people: the pages people use most, and the two writes. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { DEMO_PASSWORD } from '../../server/demo/organisation.js';
import { rebuildExpertise } from '../../server/modules/experts/rebuild.js';
import { PEER_SLUG } from '../data/peer-shape.js';

export type BenchRequest = {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export type Scenario = { name: string; label: string; write: boolean; requests: BenchRequest[] };

const VIEWERS = 64;

type Session = { handle: string; headers: Record<string, string> };

/** Signs in up to 64 people by password, as a browser would, and keeps their cookie and CSRF token. */
async function signIn(app: FastifyInstance, pool: pg.Pool, community: string): Promise<Session[]> {
  const { rows } = await pool.query<{ email: string; handle: string }>(
    `with members as (
       select p.email, p.handle, row_number() over (order by p.id) as n, count(*) over () as total
         from people p join community_members m on m.person_id = p.id
         join communities c on c.id = m.community_id
        where c.slug = $1 and p.status = 'active' and p.password_hash is not null)
     select email, handle from members where n % greatest(total / $2, 1) = 0 order by n limit $2`,
    [community, VIEWERS],
  );
  const sessions: Session[] = [];
  for (const [i, { email, handle }] of rows.entries()) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: DEMO_PASSWORD },
      // Each person from a device of their own: sign-in throttling counts per address.
      remoteAddress: `127.1.${i >> 8}.${(i & 255) + 1}`,
    });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.body}`);
    const cookie = [response.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    sessions.push({ handle, headers: { cookie, 'x-csrf-token': response.json().csrfToken } });
  }
  if (sessions.length === 0) throw new Error(`nobody to sign in as in community ${community}`);
  return sessions;
}

/** One community manager or leader (the scorecard's readers), signed in from an address of their own. */
async function signInAnalyst(app: FastifyInstance, pool: pg.Pool): Promise<Session | null> {
  const { rows } = await pool.query<{ email: string; handle: string }>(
    `select email, handle from people
      where status = 'active' and password_hash is not null and (role = 'community_manager' or is_leader)
      order by (role = 'community_manager') desc, id limit 1`,
  );
  if (!rows[0]) return null;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: rows[0].email, password: DEMO_PASSWORD },
    remoteAddress: '127.2.0.1',
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${rows[0].email} failed: ${response.body}`);
  const cookie = [response.headers['set-cookie']]
    .flat()
    .map((c) => String(c).split(';')[0])
    .join('; ');
  return { handle: rows[0].handle, headers: { cookie, 'x-csrf-token': response.json().csrfToken } };
}

/**
 * The scenarios on whatever data the database holds: the peer-shape forum if it is there, otherwise the
 * company-wide community (everyone is a member) of a generated organisation.
 */
export async function prepareScenarios(app: FastifyInstance, pool: pg.Pool): Promise<Scenario[]> {
  const peer = (await pool.query('select 1 from communities where slug = $1', [PEER_SLUG])).rows.length > 0;
  const community = peer ? PEER_SLUG : 'iedereen';
  const sessions = await signIn(app, pool, community);
  const tenReplies = (
    await pool.query<{ id: string }>(
      `select t.id from threads t join communities c on c.id = t.community_id
        where c.visibility = 'open' and t.reply_count = 10 and t.deleted_at is null
        order by t.id limit $1`,
      [sessions.length],
    )
  ).rows.map((r) => r.id);
  const longest = (
    await pool.query<{ id: string; reply_count: number }>(
      `select t.id, t.reply_count from threads t join communities c on c.id = t.community_id
        where c.visibility = 'open' and t.deleted_at is null order by t.reply_count desc, t.id limit 1`,
    )
  ).rows[0]!;
  // The long thread's pages of 50: the first page and the cursors of the next ones, as a reader pages on.
  const longPages = [`/api/v1/threads/${longest.id}/replies?limit=50`];
  for (let page = 0; page < 3; page++) {
    const response = await app.inject({ url: longPages.at(-1)!, headers: sessions[0]!.headers });
    const cursor = response.json().nextCursor as string | null;
    if (!cursor) break;
    longPages.push(`/api/v1/threads/${longest.id}/replies?limit=50&cursor=${encodeURIComponent(cursor)}`);
  }
  const each = (path: (s: Session, i: number) => string) =>
    sessions.map((s, i) => ({ method: 'GET' as const, path: path(s, i), headers: s.headers }));
  const post = (path: (i: number) => string, body: (s: Session, i: number) => object) =>
    sessions.map((s, i) => ({
      method: 'POST' as const,
      path: path(i),
      headers: { ...s.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body(s, i)),
    }));
  const thread = (i: number) => tenReplies[i % tenReplies.length]!;
  const analyst = await signInAnalyst(app, pool);
  // The adoption scorecard — each request computes its period and the one before (issue 23) — by default, one
  // department, one location and a past quarter: read from the analytics roll-ups.
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const quarter = `?from=${day(120)}&to=${day(31)}`;
  const scorecard: Scenario[] = analyst
    ? [
        {
          name: 'scorecard',
          label: 'adoption scorecard (analytics roll-ups)',
          write: false,
          requests: ['', '?department=Engineering', '?location=Amsterdam', quarter].map((query) => ({
            method: 'GET' as const,
            path: `/api/v1/analytics/scorecard${query}`,
            headers: analyst.headers,
          })),
        },
        {
          // Condition 6's invitation funnel over 28 days: the whole organisation, one department, one location.
          name: 'funnel',
          label: 'invitation funnel (28 days)',
          write: false,
          requests: ['', '?department=Engineering', '?location=Amsterdam'].map((query) => ({
            method: 'GET' as const,
            path: `/api/v1/analytics/funnel${query}`,
            headers: analyst.headers,
          })),
        },
      ]
    : [];
  // Search in the organisation's words, and expert ranking on its hashtags (the roll-up built once if empty).
  const searches = ['klant', 'planning overleg', '"nieuwe werkwijze"', 'project -budget', 'vraa'];
  if ((await pool.query('select 1 from expertise_evidence limit 1')).rows.length === 0)
    await rebuildExpertise(pool);
  const topics = (
    await pool.query<{ tag: string }>(
      'select topic as tag from expertise_evidence group by topic order by count(*) desc limit 8',
    )
  ).rows.map((r) => r.tag);
  const discovery: Scenario[] = [
    {
      name: 'search',
      label: 'search (threads, replies, people, communities)',
      write: false,
      requests: each((_, i) => `/api/v1/search?q=${encodeURIComponent(searches[i % searches.length]!)}`),
    },
    ...(topics.length
      ? [
          {
            name: 'experts',
            label: 'expert ranking for a topic',
            write: false,
            requests: each((_, i) => `/api/v1/experts?q=${encodeURIComponent(topics[i % topics.length]!)}`),
          },
        ]
      : []),
  ];
  return [
    ...scorecard,
    ...discovery,
    { name: 'feed', label: 'home feed', write: false, requests: each(() => '/api/v1/feed') },
    {
      name: 'community',
      label: 'community thread list',
      write: false,
      requests: each(() => `/api/v1/groups/${community}/threads`),
    },
    {
      // The thread page as the web opens it: the thread, its first page of replies and their files, one request.
      name: 'thread',
      label: 'thread view, 10 replies',
      write: false,
      requests: each((_, i) => `/api/v1/threads/${thread(i)}?replies=100`),
    },
    {
      name: 'replies10',
      label: 'thread page, 10 replies',
      write: false,
      requests: each((_, i) => `/api/v1/threads/${thread(i)}/replies`),
    },
    {
      name: 'replies200',
      label: `thread page, ${longest.reply_count} replies (pages of 50)`,
      write: false,
      requests: each((_, i) => longPages[i % longPages.length]!),
    },
    {
      name: 'profile',
      label: 'person profile',
      write: false,
      requests: each((_, i) => `/api/v1/people/${sessions[(i + 1) % sessions.length]!.handle}`),
    },
    {
      name: 'reply',
      label: 'create reply',
      write: true,
      requests: post(
        (i) => `/api/v1/threads/${thread(i)}/replies`,
        (s) => ({ body: `Goed punt. Ik neem het mee naar ons teamoverleg. (${s.handle})` }),
      ),
    },
    {
      name: 'newthread',
      label: 'create thread',
      write: true,
      requests: post(
        () => '/api/v1/threads',
        (s, i) => ({
          communitySlug: community,
          kind: 'discussion',
          title: `Bench thread ${i} by ${s.handle}`,
          body: 'Hoe kijken jullie naar de nieuwe werkwijze? Ik ben benieuwd hoe dat bij andere teams gaat.',
        }),
      ),
    },
  ];
}
