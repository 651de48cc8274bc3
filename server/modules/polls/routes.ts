import { Empty, problems } from '../../../contract/common.js';
import { Poll, PollVote } from '../../../contract/polls.js';
import { ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { getPoll, vote, withdrawVote } from './service.js';

const tags = ['polls'];

export const pollRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/poll',
    auth: 'person',
    rateLimit: 'read',
    summary: "A poll's options and counts, and what you chose (nothing of anyone in an anonymous poll)",
    tags,
    schema: { params: ThreadParams, response: { 200: Poll, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, params }) => getPoll(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/threads/:id/poll/vote',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Vote in a poll, or change your vote (an anonymous vote is final)',
    tags,
    schema: {
      params: ThreadParams,
      body: PollVote,
      response: { 200: Poll, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => vote(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/poll/vote',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Take back your vote in a poll that is not anonymous (idempotent)',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => withdrawVote(deps, viewer, params.id),
  }),
];
