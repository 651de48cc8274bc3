import { problems } from '../../../contract/common.js';
import { EditHistory, EditHistoryQuery } from '../../../contract/edit-history.js';
import { ReplyParams, ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { replyHistory, threadHistory } from './service.js';

const tags = ['threads'];
const WHO =
  'its author and moderators (community owners, admins, community managers, compliance officers) who can read ' +
  'it, and every reader where the organisation allows it (editHistoryForReaders)';

export const editHistoryRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/threads/:id/history',
    auth: 'person',
    rateLimit: 'read',
    summary: `A thread's earlier versions (title and text before each edit), newest first, for ${WHO}`,
    tags,
    schema: {
      params: ThreadParams,
      querystring: EditHistoryQuery,
      response: { 200: EditHistory, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => threadHistory(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/replies/:id/history',
    auth: 'person',
    rateLimit: 'read',
    summary: `A reply's earlier versions (text before each edit), newest first, for ${WHO}`,
    tags,
    schema: {
      params: ReplyParams,
      querystring: EditHistoryQuery,
      response: { 200: EditHistory, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, query }) => replyHistory(deps, viewer, params.id, query),
  }),
];
