import type { Deps } from '../../platform/http/deps.js';
import { claimForSending, markDelivered, markFailed } from './outbox-repository.js';
import type { Transport } from './transport.js';

/**
 * Sends one mail at most once: the row is claimed (status 'sending', a lease) in its own committed statement
 * before the SMTP conversation, and only a claim whose lease ran out — its node died — is taken again. A failure
 * puts the row back for the queue's retry; the error is thrown so pg-boss backs off and, in the end, dead-letters.
 */
export async function deliver(
  deps: Deps,
  transport: Transport,
  mailId: string,
): Promise<'delivered' | 'skipped'> {
  const pool = deps.db.pool;
  const now = deps.clock.now();
  const leaseUntil = new Date(now.getTime() + leaseMs(deps));
  const mail = await claimForSending(pool, mailId, now, leaseUntil);
  if (!mail) return 'skipped';
  try {
    await transport.send(mail);
  } catch (error) {
    // The queue retries with back-off (at most 480 s apart); the row is relayed anew should that job be lost.
    const retryBy = new Date(deps.clock.now().getTime() + 600_000 + leaseMs(deps) * 5);
    await markFailed(pool, mailId, error instanceof Error ? error.message : String(error), retryBy);
    throw error;
  }
  await markDelivered(pool, mailId, transport.kind, deps.clock.now());
  return 'delivered';
}

export const leaseMs = (deps: Deps) => deps.config.mail.leaseSeconds * 1000;
