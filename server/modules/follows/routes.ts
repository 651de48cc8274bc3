import { Empty, problems } from '../../../contract/common.js';
import { Hashtag } from '../../../contract/feed.js';
import { TagParams, ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { followHashtag, followThread, getHashtag } from './service.js';

const tags = ['follows'];

export const followRoutes = [
  defineRoute({
    method: 'PUT',
    url: '/api/v1/threads/:id/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Follow a thread: hear of its new replies',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => followThread(deps, viewer, params.id, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/threads/:id/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Stop following a thread',
    tags,
    status: 204,
    schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => followThread(deps, viewer, params.id, false),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/hashtags/:tag',
    auth: 'person',
    rateLimit: 'read',
    summary: 'A hashtag, and whether the viewer follows it',
    tags,
    schema: { params: TagParams, response: { 200: Hashtag, ...problems(400, 401) } },
    handler: ({ deps, viewer, params }) => getHashtag(deps, viewer, params.tag),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/hashtags/:tag/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Follow a hashtag: its threads come into the home feed',
    tags,
    status: 204,
    schema: { params: TagParams, response: { 204: Empty, ...problems(400, 401, 429) } },
    handler: ({ deps, viewer, params }) => followHashtag(deps, viewer, params.tag, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/hashtags/:tag/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Stop following a hashtag',
    tags,
    status: 204,
    schema: { params: TagParams, response: { 204: Empty, ...problems(400, 401, 429) } },
    handler: ({ deps, viewer, params }) => followHashtag(deps, viewer, params.tag, false),
  }),
];
