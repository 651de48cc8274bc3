import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { poolInTransaction } from '../db/database.js';
import type { Deps } from '../http/deps.js';
import { conflict, Problem } from '../http/problem.js';
import type { Job } from '../jobs/scheduler.js';
import { deleteAnswersBefore, findAnswer, type StoredAnswer, storeAnswer } from './repository.js';

/** A retry with the same key within this long gets the first answer. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The header a create accepts, as its route schema declares it (validation and OpenAPI in one). */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN, 'must be 1 to 128 letters, digits, or . _ : -')
    .optional()
    .describe(
      'A token of your choice (a UUID, say) that makes retrying this create safe: a retry with the same key ' +
        'within 24 hours gets the first answer and creates nothing new.',
    ),
});

export type Answer = { status: number; payload: string };

const fingerprintOf = (request: FastifyRequest) =>
  createHash('sha256')
    .update(JSON.stringify([request.method, request.routeOptions.url, request.params, request.body ?? null]))
    .digest('hex');

/**
 * Answers a create once per (person, key): the create and the key commit in one transaction (every query of the
 * handler runs in it), so a retry — also one after a node died between commit and answer — gets the first answer.
 */
export async function answerOnce(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  key: string,
  create: (deps: Deps) => Promise<Answer>,
): Promise<void> {
  const personId = request.viewer!.id;
  const fingerprint = fingerprintOf(request);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS);
  const earlier = await findAnswer(deps.db.pool, personId, key, since);
  if (earlier) return replay(reply, earlier, fingerprint);

  const client = await deps.db.pool.connect();
  let answer: Answer;
  let stored: boolean;
  try {
    await client.query('begin');
    answer = await create({ ...deps, db: { ...deps.db, pool: poolInTransaction(client) } });
    stored = await storeAnswer(client, {
      personId,
      key,
      fingerprint,
      status: answer.status,
      body: answer.payload,
      now,
      since,
    });
    await client.query(stored ? 'commit' : 'rollback');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  if (!stored) {
    // The same key committed meanwhile by a concurrent retry: ours was undone, theirs is the answer.
    const winner = await findAnswer(deps.db.pool, personId, key, since);
    if (!winner) throw conflict('Another request with this Idempotency-Key was being handled; try again.');
    return replay(reply, winner, fingerprint);
  }
  send(reply, answer);
}

function replay(reply: FastifyReply, earlier: StoredAnswer, fingerprint: string): void {
  if (earlier.fingerprint !== fingerprint) {
    throw new Problem(
      422,
      'Unprocessable Content',
      'This Idempotency-Key was already used for a different request: use a new key for a new create.',
      [{ field: 'idempotency-key', message: 'was used for a different request' }],
    );
  }
  reply.header('idempotent-replayed', 'true');
  send(reply, { status: earlier.status, payload: earlier.body });
}

function send(reply: FastifyReply, answer: Answer): void {
  // Already serialised JSON: sent as it is, so a replay is byte for byte the first answer.
  reply.status(answer.status).type('application/json; charset=utf-8').send(answer.payload);
}

/** Keys older than their 24 hours are forgotten: hourly, by one node. */
export const idempotencySweepJob: Job = {
  name: 'idempotency-keys-sweep',
  everyMs: 3_600_000,
  run: async (deps) => {
    const before = new Date(deps.clock.now().getTime() - IDEMPOTENCY_WINDOW_MS);
    await deleteAnswersBefore(deps.db.pool, before);
  },
};
