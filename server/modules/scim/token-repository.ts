import type { Queryable } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';

export type ScimTokenRow = {
  id: string;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
  creator_handle: string | null;
  creator_name: string | null;
};

const columns = `t.id, t.name, t.created_at, t.last_used_at, p.handle as creator_handle, p.name as creator_name`;

export async function insertToken(
  db: Queryable,
  token: { name: string; tokenHash: string; createdBy: string | null },
  now: Date,
): Promise<ScimTokenRow> {
  const { rows } = await db.query<ScimTokenRow>(
    `with t as (insert into scim_tokens (name, token_hash, created_by, created_at) values ($1, $2, $3, $4) returning *)
     select ${columns} from t left join people p on p.id = t.created_by`,
    [token.name, token.tokenHash, token.createdBy, now],
  );
  return rows[0]!;
}

/** The tokens in use, newest first; an organisation has a handful (one per identity provider). */
export async function listTokens(db: Queryable): Promise<ScimTokenRow[]> {
  const { rows } = await db.query<ScimTokenRow>(
    `select ${columns} from scim_tokens t left join people p on p.id = t.created_by
      where t.revoked_at is null order by t.id desc limit 100`,
  );
  return rows;
}

export async function revokeToken(db: Queryable, id: string, now: Date): Promise<ScimTokenRow | null> {
  const { rows } = await db.query<ScimTokenRow>(
    `with t as (update scim_tokens set revoked_at = $2 where id = $1 and revoked_at is null returning *)
     select ${columns} from t left join people p on p.id = t.created_by`,
    [id, now],
  );
  return rows[0] ?? null;
}

const TOKEN_BY_HASH = statement(
  'select id, last_used_at from scim_tokens where token_hash = $1 and revoked_at is null',
);

export async function findTokenByHash(db: Queryable, tokenHash: string) {
  const { rows } = await db.query<{ id: string; last_used_at: Date | null }>({
    ...TOKEN_BY_HASH,
    values: [tokenHash],
  });
  return rows[0] ?? null;
}

export async function touchToken(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update scim_tokens set last_used_at = $2 where id = $1', [id, now]);
}
