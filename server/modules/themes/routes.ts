import { Empty, PageQuery, page, problems } from '../../../contract/common.js';
import {
  CreateOutcome,
  CreateTheme,
  ThemeDetail,
  ThemeOutcome,
  ThemeParams,
  ThemeParticipant,
  ThemeSummary,
  ThemesQuery,
  UpdateTheme,
} from '../../../contract/themes.js';
import { ThreadSummary } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { listLinkedThreads, listParticipants } from './conversation.js';
import { postOutcome } from './outcomes.js';
import { createTheme, followTheme, getTheme, listThemes, updateTheme } from './service.js';

const tags = ['themes'];

export const themeRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/themes',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Strategic themes, open ones first (newest first), with their figures',
    tags,
    schema: { querystring: ThemesQuery, response: { 200: page(ThemeSummary), ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => listThemes(deps, viewer, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/themes',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Open a strategic theme (leaders; admins, also on behalf of a leader)',
    tags,
    status: 201,
    idempotent: true,
    schema: { body: CreateTheme, response: { 201: ThemeDetail, ...problems(400, 401, 403, 413, 429) } },
    handler: ({ deps, viewer, body }) => createTheme(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/themes/:id',
    auth: 'person',
    rateLimit: 'read',
    summary: 'A theme with its figures and newest outcome updates',
    tags,
    schema: { params: ThemeParams, response: { 200: ThemeDetail, ...problems(400, 401, 404) } },
    handler: ({ deps, viewer, params }) => getTheme(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/themes/:id',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Edit, close or reopen a theme (its owner, admins)',
    tags,
    schema: {
      params: ThemeParams,
      body: UpdateTheme,
      response: { 200: ThemeDetail, ...problems(400, 401, 403, 404, 413, 429) },
    },
    handler: ({ deps, viewer, params, body }) => updateTheme(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/themes/:id/outcomes',
    auth: 'person',
    rateLimit: 'write',
    summary:
      'Post an outcome update: what was done with the theme (its owner, leaders); participants are notified',
    tags,
    status: 201,
    idempotent: true,
    schema: {
      params: ThemeParams,
      body: CreateOutcome,
      response: { 201: ThemeOutcome, ...problems(400, 401, 403, 404, 413, 429) },
    },
    handler: ({ deps, viewer, params, body }) => postOutcome(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/themes/:id/threads',
    auth: 'person',
    rateLimit: 'read',
    summary: "A theme's conversation: linked threads the viewer may read, newest activity first",
    tags,
    schema: {
      params: ThemeParams,
      querystring: PageQuery,
      response: { 200: page(ThreadSummary), ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params, query }) => listLinkedThreads(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/themes/:id/participants',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Who took part in a theme (over threads the viewer may read), most contributions first',
    tags,
    schema: {
      params: ThemeParams,
      querystring: PageQuery,
      response: { 200: page(ThemeParticipant), ...problems(400, 401, 404) },
    },
    handler: ({ deps, viewer, params, query }) => listParticipants(deps, viewer, params.id, query),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/themes/:id/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Follow a theme: hear of its outcome updates',
    tags,
    status: 204,
    schema: { params: ThemeParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => followTheme(deps, viewer, params.id, true),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/themes/:id/follow',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Stop following a theme',
    tags,
    status: 204,
    schema: { params: ThemeParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => followTheme(deps, viewer, params.id, false),
  }),
];
