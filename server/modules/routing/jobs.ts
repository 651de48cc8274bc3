import type { Job } from '../../platform/jobs/scheduler.js';
import { refreshExpertise } from '../experts/rebuild.js';
import { keepSearchIndexInLanguage } from '../search/language.js';
import { routeWaitingQuestions } from './service.js';

/** The jobs of search, expertise and routing; server/jobs.ts lists them. */
export const routingJobs: Job[] = [
  {
    name: 'question-routing',
    everyMs: 60_000,
    run: async (deps) => void (await routeWaitingQuestions(deps)),
  },
  // Checks every minute, rebuilds once a quarter of an hour (and soon after a first start).
  { name: 'expertise-rollup', everyMs: 60_000, run: refreshExpertise },
  { name: 'search-language', everyMs: 60_000, run: keepSearchIndexInLanguage },
];
