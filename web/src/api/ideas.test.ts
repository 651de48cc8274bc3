import { describe, expect, it } from 'vitest';
import {
  STATUS_NOTE_LENGTH as contractNoteLength,
  IDEA_TRANSITIONS as contractTransitions,
  IdeaStatus,
  PRAISE_LIMITS,
} from '../../../contract/threads.js';
import { IDEA_STATUSES, IDEA_TRANSITIONS, MAX_PRAISED, STATUS_NOTE_LENGTH } from './ideas.js';

describe("the web's copy of the idea workflow and limits", () => {
  it('matches the contract', () => {
    expect(IDEA_TRANSITIONS).toEqual(contractTransitions);
    expect([...IDEA_STATUSES]).toEqual(IdeaStatus.options);
    expect(STATUS_NOTE_LENGTH).toBe(contractNoteLength);
    expect(MAX_PRAISED).toBe(PRAISE_LIMITS.recipients);
  });
});
