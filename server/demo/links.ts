/**
 * Links the generated threads to the six conditions' objects as they stream past: strategic themes, business goals
 * and idea votes. Its own random stream, so the conversation itself stays as history.ts wrote it.
 */
import type { DemoCommunity } from './communities.js';
import { type DemoGoal, goalCovers } from './goals.js';
import type { ThreadRecord } from './history.js';
import { votesFor } from './ideas.js';
import type { DemoPerson } from './organisation.js';
import { Picker } from './picker.js';
import type { Random } from './random.js';
import { type DemoTheme, themeOpenFor } from './themes.js';

const THEMED_KINDS = new Set(['discussion', 'idea', 'question']);

export function* linkConditions(
  random: Random,
  threads: Iterable<ThreadRecord>,
  context: { communities: DemoCommunity[]; themes: DemoTheme[]; goals: DemoGoal[]; now: number },
): Generator<ThreadRecord> {
  const voters = new Map<number, Picker<DemoPerson>>();
  const votersOf = (community: DemoCommunity) => {
    let picker = voters.get(community.id);
    if (!picker) {
      picker = new Picker(community.members, (p) => (p.activatedAfterHours === null ? 0 : 0.3 + p.voice));
      voters.set(community.id, picker);
    }
    return picker;
  };
  for (const thread of threads) {
    if (thread.themeId === null && THEMED_KINDS.has(thread.kind)) {
      for (const theme of context.themes) {
        if (themeOpenFor(theme, thread.communityId, thread.createdAt) && random.chance(theme.share)) {
          thread.themeId = theme.id;
          break;
        }
      }
    }
    // The newest goal that covers it, as linking by scope does.
    for (let i = context.goals.length - 1; i >= 0 && thread.goalId === null; i--) {
      const goal = context.goals[i]!;
      if (goalCovers(goal, thread)) thread.goalId = goal.id;
    }
    if (thread.kind === 'idea' && thread.communityId !== null) {
      const community = context.communities[thread.communityId - 1]!;
      thread.votes = votesFor(random, thread, votersOf(community), context.now);
    }
    yield thread;
  }
}
