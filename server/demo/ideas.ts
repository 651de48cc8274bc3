/** Votes on ideas (condition 1's loop at small scale): colleagues in the community back the ideas they like. */
import { DAY, MINUTE } from './calendar.js';
import type { ThreadRecord } from './history.js';
import type { DemoPerson } from './organisation.js';
import type { Picker } from './picker.js';
import type { Random } from './random.js';

/** Ideas that got picked up had more backing; a vote comes within days of the idea, never after now. */
export function votesFor(
  random: Random,
  idea: ThreadRecord,
  voters: Picker<DemoPerson>,
  now: number,
): ThreadRecord['votes'] {
  const backed = idea.status === 'planned' || idea.status === 'done' ? 4 : 0;
  const reach = Math.min(3, Math.sqrt(voters.size / 40));
  const n = random.poisson((2.5 + backed) * reach);
  const out: ThreadRecord['votes'] = [];
  for (const person of voters.distinct(random, n, new Set())) {
    if (person.id === idea.authorId) continue;
    const at = idea.createdAt + 10 * MINUTE + random.exponential(2 * DAY);
    if (at < now && at >= now - person.joinedDaysAgo * DAY) out.push({ personId: person.id, at });
  }
  return out.sort((a, b) => a.at - b.at);
}
