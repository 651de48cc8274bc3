import {
  type ContributionItem,
  type Contributions,
  RECENT_CONTRIBUTIONS,
} from '../../../contract/contributions.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound } from '../../platform/http/problem.js';
import { goalsHelpedBy } from '../goals/contributions.js';
import { presentSummary } from '../people/present.js';
import * as people from '../people/repository.js';
import * as contributions from './repository.js';

/** A person's outcome-tied recognition, counted only over threads the viewer may read. */
export async function getContributions(deps: Deps, viewer: Viewer, handle: string): Promise<Contributions> {
  const db = deps.db.pool;
  const person = await people.findByHandle(db, handle);
  if (!person) throw notFound('person');
  const [accepted, ideas, praise, goals] = await Promise.all([
    contributions.acceptedAnswers(db, person.id, viewer.id, RECENT_CONTRIBUTIONS),
    contributions.ideasRealised(db, person.id, viewer.id, RECENT_CONTRIBUTIONS),
    contributions.praiseReceived(db, person.id, viewer.id, RECENT_CONTRIBUTIONS),
    goalsHelpedBy(db, person.id, viewer.id, deps.clock.now()),
  ]);
  return {
    person: presentSummary(person),
    acceptedAnswers: { count: accepted.total, recent: accepted.rows.map(presentItem) },
    ideasRealised: {
      count: ideas.total,
      planned: ideas.planned,
      done: ideas.done,
      recent: ideas.rows.map(presentItem),
    },
    praiseReceived: { count: praise.total, recent: praise.rows.map(presentItem) },
    goalsHelped: { count: goals.length, goals },
  };
}

const presentItem = (row: contributions.ContributionRow): ContributionItem => ({
  threadId: row.id,
  title: row.title,
  kind: row.kind,
  status: row.status,
  community: row.community_slug ? { slug: row.community_slug, name: row.community_name ?? '' } : null,
  at: row.at.toISOString(),
});
