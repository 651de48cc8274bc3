import { describe, expect, it } from 'vitest';
import { client } from '../../test/client.js';
import { buildCommunity, buildPerson, tokenFor } from '../../test/factories.js';
import { data, streamTestApp } from '../events/stream-test-kit.js';

const kit = streamTestApp();

describe('poll results live', () => {
  it("tells the thread's followers that the counts moved, over the event stream, and nobody who voted", async () => {
    const db = kit.ctx.db.pool;
    const author = await buildPerson(db);
    const voter = await buildPerson(db);
    const community = await buildCommunity(db, { members: [author, voter] });
    const as = async (person: typeof author) => client(kit.ctx.app, await tokenFor(db, person));
    const created = await (await as(author)).post('/api/v1/threads', {
      communitySlug: community.slug,
      kind: 'poll',
      title: 'Lunch?',
      body: 'Vote',
      poll: { options: ['Yes', 'No'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const threadId = created.json().id as string;
    const poll = (await (await as(author)).get(`/api/v1/threads/${threadId}/poll`)).json();
    const sse = await kit.connect(author); // the author follows their own thread
    const vote = await (await as(voter)).put(`/api/v1/threads/${threadId}/poll/vote`, {
      optionIds: [poll.options[0].id],
    });
    expect(vote.statusCode, vote.body).toBe(200);
    const message = await sse.next((m) => m.event === 'poll');
    // Only that the counts moved: the reader asks for the poll again, under its own rights.
    expect(data(message)).toEqual({
      id: message.id,
      type: 'poll',
      threadId,
      communityId: community.id,
      createdAt: expect.stringMatching(/Z$/),
      payload: {},
    });
    await sse.close();
  });
});
