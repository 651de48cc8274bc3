import { randomBytes } from 'node:crypto';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, notFound } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { accessFor } from '../communities/access.js';
import { findViewed } from '../communities/repository.js';
import * as repository from './repository.js';

// Local parts a mail system or Plein itself uses: a community with such a slug gets a generated alias instead.
const RESERVED =
  /^(postmaster|abuse|hostmaster|webmaster|mailer-daemon|noreply|no-reply|plein|reply|bounce|admin|root)$/i;

/** Owners (and admins) open a community to mail, or close it; the answer is its address, or null. */
export async function setMailIn(deps: Deps, viewer: Viewer, slug: string, enabled: boolean) {
  return inTransaction(deps.db.pool, async (tx) => {
    const row = await findViewed(tx, slug, viewer.id);
    const access = row && accessFor(viewer, row, row.my_role);
    if (!row || !access?.canSee) throw notFound('community');
    if (!access.canManage)
      throw forbidden('Only the owners of this community (and admins) may open it to mail.');
    const alias = RESERVED.test(row.slug) ? `${row.slug}-${randomBytes(4).toString('hex')}` : null;
    const local = await repository.setMailIn(tx, row.id, enabled, alias);
    await writeAudit(tx, {
      actorId: viewer.id,
      action: enabled ? 'community.mail_in_enabled' : 'community.mail_in_disabled',
      targetType: 'community',
      targetId: row.id,
    });
    return { address: local ? `${local}@${deps.config.mail.domain}` : null };
  });
}
