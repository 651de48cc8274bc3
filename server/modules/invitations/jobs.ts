import type { Job } from '../../platform/jobs/scheduler.js';
import { sweepInvitationTokens, sweepSignInLinks } from './repository.js';

/** Spent or expired secrets are dead weight, and a hash kept is a hash that could leak: swept by one node. */
export const linkSweepJob: Job = {
  name: 'identity-link-sweep',
  everyMs: 15 * 60_000,
  run: async (deps) => {
    const now = deps.clock.now();
    await sweepSignInLinks(deps.db.pool, now);
    await sweepInvitationTokens(deps.db.pool, now);
  },
};
