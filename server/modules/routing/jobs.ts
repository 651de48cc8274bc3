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
  // Every minute: the people whose evidence changed; once a day (and at a first start) a full rebuild.
  { name: 'expertise-rollup', everyMs: 60_000, run: refreshExpertise },
  { name: 'search-language', everyMs: 60_000, run: keepSearchIndexInLanguage },
];
