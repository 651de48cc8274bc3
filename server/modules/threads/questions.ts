import type { UnansweredQuery } from '../../../contract/threads.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Deps } from '../../platform/http/deps.js';
import { requireReadable } from '../communities/access.js';
import { timeKeyset } from './keyset.js';
import { unansweredPage } from './question-repository.js';
import { threadSummaryPage } from './summaries.js';

/** Questions still waiting for a first answer, oldest first: in one community, or everywhere the viewer reads. */
export async function unansweredQuestions(deps: Deps, viewer: Viewer, query: UnansweredQuery) {
  const db = deps.db.pool;
  const community = query.community ? await requireReadable(db, viewer, { slug: query.community }) : null;
  const rows = await unansweredPage(
    db,
    viewer.id,
    community?.id ?? null,
    timeKeyset(query.cursor),
    query.limit + 1,
  );
  return threadSummaryPage(db, rows, query.limit, viewer.id);
}
