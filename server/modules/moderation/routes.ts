import { z } from 'zod';
import { Empty, Handle, Id, page, problems, Slug } from '../../../contract/common.js';
import {
  ActionReason,
  ActionTaken,
  Appeal,
  AppealParams,
  CommunityRules,
  ContentFilters,
  CreatedReport,
  CreateReport,
  MoveThread,
  PinParams,
  QueueItem,
  QueueQuery,
  SuspendPerson,
  TakeAction,
  UpdateRules,
  WarnPerson,
} from '../../../contract/moderation.js';
import { ThreadSummary } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import { appeal, liftSuspension, takeAction } from './actions.js';
import { actOnPerson } from './people-tools.js';
import { createReport, moderationQueue } from './reports.js';
import { communityRules, contentFilters, updateCommunityRules, updateContentFilters } from './settings.js';
import { communityPins, homePins, moveThreadTo, setThreadLock, setThreadPin } from './thread-tools.js';

const tags = ['moderation'];
const ThreadParams = z.object({ id: Id });
const SlugParams = z.object({ slug: Slug });

export const moderationRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/reports',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Report a thread, reply or person to the moderators, with a reason and a note',
    tags,
    status: 201,
    schema: { body: CreateReport, response: { 201: CreatedReport, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, body }) => createReport(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/moderation/queue',
    auth: 'person',
    rateLimit: 'read',
    summary:
      'Open reports, held posts and appeals: all for admins and community managers (content only where they can read it), their communities for owners',
    tags,
    schema: { querystring: QueueQuery, response: { 200: page(QueueItem), ...problems(400, 401, 403, 404) } },
    handler: ({ deps, viewer, query }) => moderationQueue(deps, viewer, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/reports/:id/actions',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Decide a queue item: dismiss, hide, remove, restore, approve, warn or suspend, with a reason',
    tags,
    status: 201,
    schema: {
      params: ThreadParams,
      body: TakeAction,
      response: { 201: ActionTaken, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) => takeAction(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/moderation/actions/:id/appeal',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Appeal against the hiding or removal of your post (once per action): it goes back to the queue',
    tags,
    status: 201,
    allowSuspended: true,
    schema: {
      params: AppealParams,
      body: Appeal,
      response: { 201: CreatedReport, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) => appeal(deps, viewer, params.id, body),
  }),
  ...(['PUT', 'DELETE'] as const).map((method) =>
    defineRoute({
      method,
      url: '/api/v1/threads/:id/lock',
      auth: 'person',
      rateLimit: 'write',
      summary: method === 'PUT' ? 'Lock a thread: no new replies' : 'Unlock a thread',
      tags,
      status: 204,
      schema: {
        params: ThreadParams,
        body: ActionReason.nullish(),
        response: { 204: Empty, ...problems(400, 401, 403, 404, 409) },
      },
      handler: ({ deps, viewer, params, body }) =>
        setThreadLock(deps, viewer, params.id, method === 'PUT', ActionReason.parse(body ?? {})),
    }),
  ),
  ...(['PUT', 'DELETE'] as const).map((method) =>
    defineRoute({
      method,
      url: '/api/v1/threads/:id/pins/:scope',
      auth: 'person',
      rateLimit: 'write',
      summary:
        method === 'PUT'
          ? 'Pin a thread atop its community (community) or on the home page (home)'
          : 'Unpin a thread',
      tags,
      status: 204,
      schema: { params: PinParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409) } },
      handler: ({ deps, viewer, params }) =>
        setThreadPin(deps, viewer, params.id, params.scope, method === 'PUT'),
    }),
  ),
  defineRoute({
    method: 'POST',
    url: '/api/v1/threads/:id/move',
    auth: 'person',
    rateLimit: 'write',
    summary:
      "Move a thread to another community (never widening who reads it, unless the source's owners move it)",
    tags,
    status: 204,
    schema: {
      params: ThreadParams,
      body: MoveThread,
      response: { 204: Empty, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) => moveThreadTo(deps, viewer, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/pinned',
    auth: 'person',
    rateLimit: 'read',
    summary: "A community's pinned threads",
    tags,
    schema: { params: SlugParams, response: { 200: page(ThreadSummary), ...problems(401, 403, 404) } },
    handler: ({ deps, viewer, params }) => communityPins(deps, viewer, params.slug),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/feed/pinned',
    auth: 'person',
    rateLimit: 'read',
    summary: 'Announcements pinned on the home page that I may read',
    tags,
    schema: { response: { 200: page(ThreadSummary), ...problems(401) } },
    handler: ({ deps, viewer }) => homePins(deps, viewer),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/people/:handle/suspension',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Lift a suspension early (admins, community managers)',
    tags,
    status: 204,
    schema: {
      params: z.object({ handle: Handle }),
      body: ActionReason.nullish(),
      response: { 204: Empty, ...problems(400, 401, 403, 404, 409) },
    },
    handler: ({ deps, viewer, params, body }) =>
      liftSuspension(deps, viewer, params.handle, ActionReason.parse(body ?? {})),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/people/:handle/warnings',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Warn a person, with a reason they read in their language (admins, community managers)',
    tags,
    status: 201,
    schema: {
      params: z.object({ handle: Handle }),
      body: WarnPerson,
      response: { 201: ActionTaken, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, body }) => actOnPerson(deps, viewer, params.handle, 'warn', body),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/people/:handle/suspension',
    auth: 'person',
    rateLimit: 'write',
    summary:
      'Suspend a person until a time (at most a year): they read, but cannot write (admins, community managers)',
    tags,
    schema: {
      params: z.object({ handle: Handle }),
      body: SuspendPerson,
      response: { 200: ActionTaken, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, body }) => actOnPerson(deps, viewer, params.handle, 'suspend', body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/moderation/filters',
    auth: 'admin',
    rateLimit: 'read',
    summary: "The organisation's word and link filters (admins)",
    tags,
    schema: { response: { 200: ContentFilters, ...problems(401, 403) } },
    handler: ({ deps }) => contentFilters(deps),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/admin/moderation/filters',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Set the word and link filters: block a post, or hold it for review (admins)',
    tags,
    schema: { body: ContentFilters, response: { 200: ContentFilters, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => updateContentFilters(deps, viewer, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/groups/:slug/rules',
    auth: 'person',
    rateLimit: 'read',
    summary: "A community's rules, shown when joining and in the composer",
    tags,
    schema: { params: SlugParams, response: { 200: CommunityRules, ...problems(401, 404) } },
    handler: ({ deps, viewer, params }) => communityRules(deps, viewer, params.slug),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/groups/:slug/rules',
    auth: 'person',
    rateLimit: 'write',
    summary: "Set a community's rules (Markdown; its owners and admins)",
    tags,
    schema: {
      params: SlugParams,
      body: UpdateRules,
      response: { 200: CommunityRules, ...problems(400, 401, 403, 404) },
    },
    handler: ({ deps, viewer, params, body }) =>
      updateCommunityRules(deps, viewer, params.slug, body.markdown),
  }),
];
