import { Empty, PageQuery, page, problems } from '../../../contract/common.js';
import {
  AcceptAnswer,
  CreateReply,
  CreateThread,
  ReactionParams,
  ReactionsQuery,
  Reactor,
  Reply,
  ReplyParams,
  ThreadDetail,
  ThreadParams,
  ThreadView,
  ThreadViewQuery,
  UpdateReply,
  UpdateThread,
} from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { recordReadAfter } from '../activity/reads.js';
import { acceptAnswer, unacceptAnswer } from './accept.js';
import { ideaRoutes } from './idea-routes.js';
import { listReactors, reactToReply, reactToThread } from './reactions.js';
import { createReply, deleteReply, listReplies, updateReply } from './replies.js';
import { createThread, deleteThread, getThreadView, updateThread } from './service.js';

const tags = ['threads'];

export const threadRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/threads',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Start a thread in a community, or a personal update or company-wide announcement without one',
    tags,
    status: 201,
    idempotent: true,
    schema: {
      body: CreateThread,
      response: { 201: ThreadDetail, ...problems(400, 401, 403, 404, 413, 429) },
    },
    handler: ({ deps, viewer, body }) => createThread(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'A thread as its page shows it, in one request: what the viewer may do with it, the first page of its ' +
      'replies (?replies=, later pages from GET …/replies with its nextCursor) and the files and link previews ' +
      'of both; a removed thread shows as removed',
    tags,
    schema: {
      params: ThreadParams,
      querystring: ThreadViewQuery,
      response: { 200: ThreadView, ...problems(400, 401, 403, 404) },
    },
    handler: async ({ deps, viewer, params, query, reply }) => {
      const view = await getThreadView(deps, viewer, params.id, query.replies);
      // A reader on the participation ladder, written after the response so the page never waits for it.
      recordReadAfter(reply.raw, deps, viewer.id);
      return view;
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/threads/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Edit a thread (author, community owner, admin)',
    tags,
    schema: {
      params: ThreadParams,
      body: UpdateThread,
      response: { 200: ThreadDetail, ...problems(400, 401, 403, 404, 409, 413, 429) },
    },
    handler: ({ deps, viewer, params, body }) => updateThread(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Remove a thread (author, community owner, admin); its content stays for compliance',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => deleteThread(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/replies',
    auth: 'person',
    rateLimit: 'read',
    summary: "A thread's replies, oldest first; each names its parent (one level of nesting)",
    tags,
    schema: {
      params: ThreadParams,
      querystring: PageQuery,
      response: { 200: page(Reply), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => listReplies(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/threads/:id/replies',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Reply to a thread, or (with parentId) to a top-level reply in it',
    tags,
    status: 201,
    idempotent: true,
    schema: {
      params: ThreadParams,
      body: CreateReply,
      response: { 201: Reply, ...problems(400, 401, 403, 404, 409, 413, 429) },
    },
    handler: ({ deps, viewer, params, body }) => createReply(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/replies/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Edit a reply (author, community owner, admin)',
    tags,
    schema: {
      params: ReplyParams,
      body: UpdateReply,
      response: { 200: Reply, ...problems(400, 401, 403, 404, 409, 413, 429) },
    },
    handler: ({ deps, viewer, params, body }) => updateReply(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/replies/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Remove a reply (author, community owner, admin); it stays in place as "removed"',
    tags,
    status: 204,
    schema: { params: ReplyParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => deleteReply(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/threads/:id/reactions/:kind',
    auth: 'person',
    rateLimit: 'write',
    summary: 'React to a thread (idempotent)',
    tags,
    status: 204,
    schema: { params: ReactionParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => reactToThread(deps, viewer, params.id, params.kind, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/reactions/:kind',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Take back a reaction to a thread (idempotent)',
    tags,
    status: 204,
    schema: { params: ReactionParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => reactToThread(deps, viewer, params.id, params.kind, false),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/reactions',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Who reacted to a thread, and how; ?kind= for one kind',
    tags,
    schema: {
      params: ThreadParams,
      querystring: ReactionsQuery,
      response: { 200: page(Reactor), ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => listReactors(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/replies/:id/reactions/:kind',
    auth: 'person',
    rateLimit: 'write',
    summary: 'React to a reply (idempotent)',
    tags,
    status: 204,
    schema: { params: ReactionParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => reactToReply(deps, viewer, params.id, params.kind, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/replies/:id/reactions/:kind',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Take back a reaction to a reply (idempotent)',
    tags,
    status: 204,
    schema: { params: ReactionParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => reactToReply(deps, viewer, params.id, params.kind, false),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/threads/:id/accept',
    auth: 'person',
    rateLimit: 'write',
    summary: "Accept a reply as the question's answer (asker, community owner, community manager, admin)",
    tags,
    schema: {
      params: ThreadParams,
      body: AcceptAnswer,
      response: { 200: ThreadDetail, ...problems(400, 401, 403, 404, 409, 429) },
    },
    handler: ({ deps, viewer, params, body }) => acceptAnswer(deps, viewer, params.id, body.replyId),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/accept',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Undo the accepted answer; the question is open again',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409, 429) } },
    handler: ({ deps, viewer, params }) => unacceptAnswer(deps, viewer, params.id),
  }),
  ...ideaRoutes,
];
