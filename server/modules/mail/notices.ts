import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { loadMailDefaults } from '../settings/mail-defaults.js';
import { composeNotice } from './compose.js';
import { enqueueMail } from './enqueue.js';
import { clearPending, type NoticeRow, outcomeHtml, takePendingNotices } from './notices-repository.js';
import { afterQuietHours, channelFor, noticeKindOf } from './preferences.js';

/** From this many bounces on, an address gets no more mail until someone resets it (inbound raises the score). */
export const BOUNCE_LIMIT = 3;

/** Whether this notice becomes a mail at once: what the recipient chose, may read, has not muted, and can receive. */
export function mailsAtOnce(notice: NoticeRow, defaults: Parameters<typeof channelFor>[1]): boolean {
  return (
    notice.active &&
    notice.readable &&
    !notice.muted &&
    notice.bounce_score < BOUNCE_LIMIT &&
    channelFor(notice.preferences, defaults, noticeKindOf(notice.kind)) === 'email'
  );
}

/**
 * Turns up to `limit` waiting notifications into mails (one transaction: composed and enqueued, or neither).
 * Returns how many notifications it took, so the caller knows whether more wait.
 */
export async function composePendingNotices(deps: Deps, limit = 100): Promise<number> {
  return inTransaction(deps.db.pool, async (tx) => {
    const notices = await takePendingNotices(tx, limit);
    if (notices.length === 0) return 0;
    const defaults = await loadMailDefaults(tx);
    const now = deps.clock.now();
    for (const notice of notices) {
      if (!mailsAtOnce(notice, defaults)) continue;
      const outcomeId = (notice.data as { outcomeId?: string }).outcomeId;
      const outcome = notice.kind === 'theme_outcome' && outcomeId ? await outcomeHtml(tx, outcomeId) : null;
      const quiet = notice.preferences;
      const mail = composeNotice(deps.config.mail, notice, {
        locale: notice.locale ?? deps.config.language,
        outcomeHtml: outcome,
        notBefore: afterQuietHours(
          now,
          notice.time_zone,
          quiet?.quiet_start ?? null,
          quiet?.quiet_end ?? null,
        ),
      });
      await enqueueMail(tx, mail, now);
    }
    await clearPending(
      tx,
      notices.map((notice) => notice.id),
    );
    return notices.length;
  });
}
