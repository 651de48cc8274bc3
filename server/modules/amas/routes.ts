import { Ama, AmaAnswerInput, AmaQuestionInput, AmaQuestionParams } from '../../../contract/amas.js';
import { Empty, problems } from '../../../contract/common.js';
import { ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { answerQuestion, askQuestion, getAma, voteForQuestion } from './service.js';

const tags = ['amas'];

export const amaRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/ama',
    auth: 'person',
    rateLimit: 'read',
    summary: 'An AMA: its period, state and questions in answering order (most votes first), answered or not',
    tags,
    schema: { params: ThreadParams, response: { 200: Ama, ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, params }) => getAma(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/threads/:id/ama/questions',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Ask a question in an AMA that has not ended',
    tags,
    status: 201,
    schema: {
      params: ThreadParams,
      body: AmaQuestionInput,
      response: { 201: Ama, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => askQuestion(deps, viewer, params.id, body.body),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/ama-questions/:id/vote',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Vote for an AMA question (idempotent)',
    tags,
    status: 204,
    schema: {
      params: AmaQuestionParams,
      response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params }) => voteForQuestion(deps, viewer, params.id, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/ama-questions/:id/vote',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Take back your vote for an AMA question (idempotent)',
    tags,
    status: 204,
    schema: {
      params: AmaQuestionParams,
      response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params }) => voteForQuestion(deps, viewer, params.id, false),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/ama-questions/:id/answer',
    auth: 'person',
    rateLimit: 'write',
    summary: "Answer an AMA question (the AMA's host, while it is live); answering again replaces the answer",
    tags,
    schema: {
      params: AmaQuestionParams,
      body: AmaAnswerInput,
      response: { 200: Ama, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => answerQuestion(deps, viewer, params.id, body),
  }),
];
