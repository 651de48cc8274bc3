import type { z } from 'zod';
import { DEFAULT_MAIL_DEFAULTS, MailDefaults } from '../../../contract/mail.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction, type Queryable } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { writeAudit } from '../audit/repository.js';
import { readSettings, writeSetting } from './repository.js';

const KEY = 'mailDefaults';
export const MAIL_DEFAULTS_KEY = KEY;

/** The organisation's mail defaults; a kind missing from what is stored (a newer kind) keeps Plein's default. */
export async function loadMailDefaults(db: Queryable): Promise<MailDefaults> {
  return mailDefaultsFrom((await readSettings(db, [KEY])).get(KEY));
}

/** The mail defaults from the setting's stored value (undefined or null when never set). */
export function mailDefaultsFrom(value: unknown): MailDefaults {
  const stored = (value ?? undefined) as Partial<MailDefaults> | undefined;
  const merged = {
    kinds: { ...DEFAULT_MAIL_DEFAULTS.kinds, ...(stored?.kinds ?? {}) },
    digest: stored?.digest ?? DEFAULT_MAIL_DEFAULTS.digest,
  };
  const parsed = MailDefaults.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_MAIL_DEFAULTS;
}

export const getMailDefaults = (deps: Deps) => loadMailDefaults(deps.db.pool);

/** An admin changes what everyone who has not chosen gets; audited with before and after. */
export async function updateMailDefaults(
  deps: Deps,
  actor: Viewer,
  changes: z.infer<typeof UpdateMailDefaults>,
): Promise<MailDefaults> {
  return inTransaction(deps.db.pool, async (tx) => {
    const before = await loadMailDefaults(tx);
    const after: MailDefaults = {
      kinds: { ...before.kinds, ...changes.kinds },
      digest: changes.digest ?? before.digest,
    };
    if (JSON.stringify(after) === JSON.stringify(before)) return before;
    await writeSetting(tx, { key: KEY, value: after, updatedBy: actor.id }, deps.clock.now());
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'settings.mail.update',
      targetType: 'settings',
      targetId: 'organisation',
      before,
      after,
    });
    return after;
  });
}

export const UpdateMailDefaults = MailDefaults.extend({ kinds: MailDefaults.shape.kinds.partial().strict() })
  .partial()
  .strict();
