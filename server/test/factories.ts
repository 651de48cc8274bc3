import { randomBytes } from 'node:crypto';
import { digest, newSecret } from '../platform/auth/secrets.js';
import type { Queryable } from '../platform/db/database.js';
import { renderMarkdown } from '../platform/markdown/render.js';
import type { Credentials } from './client.js';

// Unique per worker and run, so tests on one shared database never collide.
const run = randomBytes(3).toString('hex');
let counter = 0;
export const unique = (prefix: string) => `${prefix}-${run}-${++counter}`;

export type TestPerson = { id: string; handle: string; email: string; name: string };

export async function buildPerson(
  db: Queryable,
  overrides: Partial<{
    handle: string;
    name: string;
    role: 'member' | 'community_manager' | 'admin';
    leader: boolean;
    department: string;
    location: string;
    timeZone: string;
    managerId: string | null;
    skills: string[];
    status: 'active' | 'deactivated';
    passwordHash: string | null;
  }> = {},
): Promise<TestPerson> {
  const handle = overrides.handle ?? unique('p');
  const { rows } = await db.query<TestPerson>(
    `insert into people (handle, email, name, role, is_leader, department, location, time_zone, manager_id, skills,
                         status, password_hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     returning id, handle, email, name`,
    [
      handle,
      `${handle}@example.test`,
      overrides.name ?? `Person ${handle}`,
      overrides.role ?? 'member',
      overrides.leader ?? false,
      overrides.department ?? 'Sales',
      overrides.location ?? 'Amsterdam',
      overrides.timeZone ?? 'Europe/Amsterdam',
      overrides.managerId ?? null,
      overrides.skills ?? [],
      overrides.status ?? 'active',
      overrides.passwordHash ?? null,
    ],
  );
  return rows[0]!;
}

export type TestCommunity = { id: string; slug: string; name: string };

export async function buildCommunity(
  db: Queryable,
  options: {
    visibility?: 'open' | 'closed' | 'secret';
    kind?: 'general' | 'specialist';
    owners?: TestPerson[];
    members?: TestPerson[];
    sponsor?: TestPerson;
    name?: string;
  } = {},
): Promise<TestCommunity> {
  const slug = unique('g');
  const kind = options.kind ?? 'general';
  const { rows } = await db.query<TestCommunity>(
    `insert into communities (slug, name, visibility, kind, viability_threshold, sponsor_id)
     values ($1, $2, $3, $4, $5, $6) returning id, slug, name`,
    [
      slug,
      options.name ?? `Community ${slug}`,
      options.visibility ?? 'open',
      kind,
      kind === 'general' ? 250 : 25,
      options.sponsor?.id ?? null,
    ],
  );
  const community = rows[0]!;
  const roles: [TestPerson, string][] = [
    ...(options.owners ?? []).map((p): [TestPerson, string] => [p, 'owner']),
    ...(options.members ?? []).map((p): [TestPerson, string] => [p, 'member']),
  ];
  for (const [person, role] of roles) {
    await db.query('insert into community_members (community_id, person_id, role) values ($1, $2, $3)', [
      community.id,
      person.id,
      role,
    ]);
  }
  await db.query('update communities set member_count = $2 where id = $1', [community.id, roles.length]);
  return community;
}

export type TestThread = { id: string; title: string };

export async function buildThread(
  db: Queryable,
  options: {
    author: TestPerson;
    community?: TestCommunity | null;
    kind?: string;
    title?: string;
    body?: string;
    companyWide?: boolean;
    lastActivityAt?: Date;
  },
): Promise<TestThread> {
  const body = options.body ?? 'A thread body.';
  const kind = options.kind ?? 'discussion';
  const status = kind === 'question' ? 'open' : kind === 'idea' ? 'new' : null;
  const at = options.lastActivityAt ?? new Date();
  const { rows } = await db.query<TestThread>(
    `insert into threads (community_id, author_id, kind, title, body_md, body_html, origin, company_wide, status,
                          created_at, last_activity_at)
     values ($1, $2, $3, $4, $5, $6, 'bottom_up', $7, $8, $9, $9) returning id, title`,
    [
      options.community?.id ?? null,
      options.author.id,
      kind,
      options.title ?? unique('Thread'),
      body,
      renderMarkdown(body).html,
      options.companyWide ?? false,
      status,
      at,
    ],
  );
  await db.query('insert into thread_follows (thread_id, person_id) values ($1, $2) on conflict do nothing', [
    rows[0]!.id,
    options.author.id,
  ]);
  return rows[0]!;
}

export async function buildReply(
  db: Queryable,
  options: { thread: TestThread; author: TestPerson; body?: string; parentId?: string | null },
): Promise<{ id: string }> {
  const body = options.body ?? 'A reply.';
  const { rows } = await db.query<{ id: string }>(
    `insert into replies (thread_id, parent_id, author_id, body_md, body_html) values ($1, $2, $3, $4, $5) returning id`,
    [options.thread.id, options.parentId ?? null, options.author.id, body, renderMarkdown(body).html],
  );
  await db.query('update threads set reply_count = reply_count + 1 where id = $1', [options.thread.id]);
  return rows[0]!;
}

/** A signed-in browser session for a person, made directly (login itself is tested through HTTP). */
export async function sessionFor(db: Queryable, person: TestPerson): Promise<Credentials> {
  const cookie = newSecret();
  const csrfToken = newSecret(24);
  await db.query(
    `insert into sessions (id, person_id, csrf_token, expires_at) values ($1, $2, $3, now() + interval '1 day')`,
    [digest(cookie), person.id, csrfToken],
  );
  return { cookie, csrfToken };
}

export async function tokenFor(db: Queryable, person: TestPerson): Promise<Credentials> {
  const bearer = `plein_${newSecret()}`;
  await db.query('insert into api_tokens (person_id, name, token_hash) values ($1, $2, $3)', [
    person.id,
    'test',
    digest(bearer),
  ]);
  return { bearer };
}
