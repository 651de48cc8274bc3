import { Empty, PageQuery, page, problems } from '../../../contract/common.js';
import {
  ChangeIdeaStatus,
  IdeaBoardParams,
  IdeaBoardQuery,
  PraiseParams,
  StatusChange,
  ThreadDetail,
  ThreadParams,
  ThreadSummary,
  UnansweredQuery,
} from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { changeIdeaStatus, ideaBoard, listStatusChanges, voteForIdea } from './ideas.js';
import { praiseReceived } from './praise.js';
import { unansweredQuestions } from './questions.js';

const tags = ['threads'];

/** Ideas (votes, status workflow, the board), open questions and praise received. */
export const ideaRoutes = [
  defineRoute({
    method: 'PUT',
    url: '/api/v1/threads/:id/vote',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Vote for an idea (one vote per person; idempotent)',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => voteForIdea(deps, viewer, params.id, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/vote',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Take back your vote for an idea (idempotent)',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => voteForIdea(deps, viewer, params.id, false),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/threads/:id/status',
    auth: 'person',
    rateLimit: 'write',
    summary:
      'Move an idea to another status with a note for its author and voters (community owners, sponsor, leaders)',
    tags,
    schema: {
      params: ThreadParams,
      body: ChangeIdeaStatus,
      response: { 200: ThreadDetail, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => changeIdeaStatus(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/status-changes',
    auth: 'person',
    rateLimit: 'read',
    summary: "An idea's status history: each change with who made it and the note",
    tags,
    schema: {
      params: ThreadParams,
      querystring: PageQuery,
      response: { 200: page(StatusChange), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => listStatusChanges(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/ideas',
    auth: 'person',
    rateLimit: 'read',
    summary: "A community's idea board: ?sort=votes (default) or newest, ?status= for one status",
    tags,
    schema: {
      params: IdeaBoardParams,
      querystring: IdeaBoardQuery,
      response: { 200: page(ThreadSummary), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => ideaBoard(deps, viewer, params.slug, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/questions/unanswered',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Questions nobody but the asker has answered yet, oldest first; ?community= for one community',
    tags,
    schema: {
      querystring: UnansweredQuery,
      response: { 200: page(ThreadSummary), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, query }) => unansweredQuestions(deps, viewer, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/people/:handle/praise',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Praise a person received, newest first, where you may read it',
    tags,
    schema: {
      params: PraiseParams,
      querystring: PageQuery,
      response: { 200: page(ThreadSummary), ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params, query }) => praiseReceived(deps, viewer, params.handle, query),
  }),
];
