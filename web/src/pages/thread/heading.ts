import type { TFunction } from 'i18next';
import type { ThreadDetail } from '../../../../contract/threads.js';

/** A thread's heading: its title, or for the kinds without one (praise, an update) what it is and whose. */
export function threadHeading(thread: ThreadDetail, t: TFunction): string {
  if (thread.removed) return t('thread.removedTitle');
  if (thread.title) return thread.title;
  if (thread.kind === 'praise' && thread.praised.length > 0) {
    return t('thread.praiseTitle', { names: thread.praised.map((person) => person.name).join(', ') });
  }
  if (thread.kind === 'update') return t('thread.updateTitle', { name: thread.author.name });
  return t('thread.untitled');
}
