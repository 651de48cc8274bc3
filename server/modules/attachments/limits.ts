import type { z } from 'zod';
import {
  type AttachmentLimits,
  DEFAULT_ATTACHMENT_LIMITS,
  AttachmentLimits as LimitsSchema,
  type UpdateAttachmentLimits,
} from '../../../contract/attachments.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden, invalidField } from '../../platform/http/problem.js';
import { writeAudit } from '../audit/repository.js';
import { readSettings, writeSetting } from '../settings/repository.js';

const KEY = 'attachmentLimits';

/** Community managers run the programme and admins the configuration: both set what may be shared. */
export function requireMaySetLimits(viewer: Viewer): void {
  if (viewer.role !== 'admin' && viewer.role !== 'community_manager') {
    throw forbidden('Only a community manager or an admin may see or change the limits for files.');
  }
}

export async function loadLimits(db: Queryable): Promise<AttachmentLimits> {
  const stored = (await readSettings(db, [KEY])).get(KEY);
  const parsed = LimitsSchema.partial().safeParse(stored);
  return { ...DEFAULT_ATTACHMENT_LIMITS, ...(parsed.success ? parsed.data : {}) };
}

export async function getLimits(deps: Deps, viewer: Viewer) {
  requireMaySetLimits(viewer);
  return loadLimits(deps.db.pool);
}

export async function updateLimits(
  deps: Deps,
  viewer: Viewer,
  changes: z.infer<typeof UpdateAttachmentLimits>,
): Promise<AttachmentLimits> {
  requireMaySetLimits(viewer);
  return inTransaction(deps.db.pool, async (tx) => {
    const before = await loadLimits(tx);
    const after = { ...before, ...changes };
    if (changes.allowedTypes) after.allowedTypes = [...new Set(changes.allowedTypes)];
    if (after.maxPostBytes < after.maxFileBytes) {
      throw invalidField('maxPostBytes', 'must be at least the size allowed for one file');
    }
    if (JSON.stringify(after) === JSON.stringify(before)) return before;
    await writeSetting(tx, { key: KEY, value: after, updatedBy: viewer.id }, deps.clock.now());
    await writeAudit(tx, {
      actorId: viewer.id,
      action: 'settings.attachments.update',
      targetType: 'settings',
      targetId: KEY,
      before,
      after,
    });
    return after;
  });
}

export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
