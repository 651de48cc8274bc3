import type { CreateOutcome, ThemeOutcome } from '../../../contract/themes.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { forbidden } from '../../platform/http/problem.js';
import { recordParticipation } from '../activity/repository.js';
import { notify } from '../notifications/notify.js';
import { summariesByIds } from '../people/repository.js';
import { prepareContent } from '../threads/content.js';
import { outcomeRecipients } from './participation-repository.js';
import { mayPostOutcome } from './policy.js';
import { presentOutcome } from './present.js';
import { insertOutcome } from './repository.js';
import { requireTheme } from './service.js';

/**
 * "What we did with it": the owner or a leader reports back, and everyone who took part in the theme (authors,
 * repliers, reactors of its threads) and everyone who follows it hears of it. That closes the loop of condition 1.
 */
export async function postOutcome(
  deps: Deps,
  viewer: Viewer,
  themeId: string,
  input: CreateOutcome,
): Promise<ThemeOutcome> {
  const now = deps.clock.now();
  const outcome = await inTransaction(deps.db.pool, async (tx) => {
    const theme = await requireTheme(tx, themeId);
    if (!mayPostOutcome(viewer, theme)) {
      throw forbidden('Only the owner of this theme or a leader may post an outcome update.');
    }
    const content = await prepareContent(tx, input.body);
    const row = await insertOutcome(
      tx,
      { themeId, authorId: viewer.id, bodyMd: content.bodyMd, bodyHtml: content.bodyHtml },
      now,
    );
    const recipients = await outcomeRecipients(tx, themeId, viewer.id);
    await notify(
      tx,
      deps.bus,
      recipients.map((recipientId) => ({
        recipientId,
        kind: 'theme_outcome',
        actorId: viewer.id,
        data: { themeId, themeTitle: theme.title, outcomeId: row.id },
      })),
      now,
    );
    await recordParticipation(tx, viewer.id, null, now, 'create');
    await deps.bus.record(tx, {
      type: 'theme_outcome',
      actorId: viewer.id,
      payload: { themeId, outcomeId: row.id },
    });
    return row;
  });
  const authors = await summariesByIds(deps.db.pool, [outcome.author_id]);
  return presentOutcome(outcome, authors.get(outcome.author_id)!);
}
