import { describe, expect, it } from 'vitest';
import { AMA_LIMITS as contractAma } from '../../../contract/amas.js';
import { EVENT_LIMITS as contractEvent } from '../../../contract/calendar.js';
import { POLL_LIMITS as contractPoll } from '../../../contract/polls.js';
import { AMA_LIMITS, EVENT_LIMITS, POLL_LIMITS } from './polls.js';

describe("the web's copy of the poll and AMA limits", () => {
  it('matches the contract', () => {
    expect(POLL_LIMITS).toEqual(contractPoll);
    expect(AMA_LIMITS).toEqual(contractAma);
    expect(EVENT_LIMITS).toEqual(contractEvent);
  });
});
