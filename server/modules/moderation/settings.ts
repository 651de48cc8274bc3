import type { ContentFilters } from '../../../contract/moderation.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden } from '../../platform/http/problem.js';
import { renderMarkdown } from '../../platform/markdown/render.js';
import { writeAudit } from '../audit/repository.js';
import { requireVisible } from '../communities/access.js';
import { findRules, loadFilters, saveFilters, saveRules } from './repository.js';

export const contentFilters = (deps: Deps) => loadFilters(deps.db.pool);

/** An admin sets the organisation's word and link filters; audited with before and after. */
export async function updateContentFilters(deps: Deps, viewer: Viewer, filters: ContentFilters) {
  await inTransaction(deps.db.pool, async (tx) => {
    const before = await loadFilters(tx);
    await saveFilters(tx, filters, viewer.id, deps.clock.now());
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'moderation.filters.update',
      targetType: 'settings',
      targetId: 'contentFilters',
      before,
      after: filters,
    });
  });
  return filters;
}

/** A community's rules, for anyone who may know it exists: they are read before joining. */
export async function communityRules(deps: Deps, viewer: Viewer, slug: string) {
  const community = await requireVisible(deps.db.pool, viewer, { slug });
  const rules = await findRules(deps.db.pool, community.id);
  return { markdown: rules.rules_md, html: rules.rules_html };
}

/** Owners write the rules (admins too, as they may change what they can see of a community); rendered once. */
export async function updateCommunityRules(deps: Deps, viewer: Viewer, slug: string, markdown: string) {
  return inTransaction(deps.db.pool, async (tx) => {
    const community = await requireVisible(tx, viewer, { slug });
    if (!community.canManage) throw forbidden("Only this community's owners and admins change its rules.");
    const before = await findRules(tx, community.id);
    const html = markdown.trim() ? renderMarkdown(markdown).html : '';
    await saveRules(tx, community.id, markdown, html);
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'community.rules.update',
      targetType: 'community',
      targetId: community.id,
      before: { rules: before.rules_md },
      after: { rules: markdown },
    });
    return { markdown, html };
  });
}
