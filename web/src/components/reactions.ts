import type { ReactionKind } from '../../../contract/threads.js';

export const REACTION_EMOJI: Record<ReactionKind, string> = {
  like: '👍',
  love: '❤️',
  celebrate: '🎉',
  insightful: '💡',
  thanks: '🙏',
  laugh: '😄',
};
