import { sweepRateLimits } from '../../platform/auth/rate-limit.js';
import type { Job } from '../../platform/jobs/scheduler.js';
import { forgetStaleSignInSources } from './sign-in-throttle.js';

/** Throttle buckets that are full again and sign-in sources past their memory are dead weight. */
export const authJobs: Job[] = [
  {
    name: 'sign-in-housekeeping',
    everyMs: 10 * 60_000,
    run: async (deps) => {
      await sweepRateLimits(deps.db.pool, deps.clock.now());
      await forgetStaleSignInSources(deps);
    },
  },
];
