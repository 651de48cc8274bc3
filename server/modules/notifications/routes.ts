import { Empty, page, problems } from '../../../contract/common.js';
import {
  Notification,
  NotificationParams,
  NotificationsQuery,
  ReadAll,
  UnreadCount,
} from '../../../contract/notifications.js';
import { defineRoute, type Route } from '../../platform/http/route.js';
import * as service from './service.js';

const tags = ['notifications'];

export const notificationRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/notifications',
    auth: 'person',
    rateLimit: 'read',
    summary: 'My notifications, newest first; ?unread=1 for only the unread ones',
    tags,
    schema: { querystring: NotificationsQuery, response: { 200: page(Notification), ...problems(400, 401) } },
    handler: ({ deps, viewer, query }) => service.listMine(deps, viewer, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/notifications/unread-count',
    auth: 'person',
    rateLimit: 'read',
    summary: 'How many of my notifications are unread (the badge)',
    tags,
    schema: { response: { 200: UnreadCount, ...problems(401) } },
    handler: ({ deps, viewer }) => service.unreadCount(deps, viewer),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/notifications/:id/read',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Mark one of my notifications read',
    tags,
    // Reading what a moderator told them is reading, even while suspended.
    allowSuspended: true,
    status: 204,
    schema: { params: NotificationParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
    handler: ({ deps, viewer, params }) => service.markRead(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/notifications/read-all',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Mark all my notifications read (or those up to a given id)',
    tags,
    // Reading what a moderator told them is reading, even while suspended.
    allowSuspended: true,
    status: 204,
    schema: { body: ReadAll, response: { 204: Empty, ...problems(400, 401, 403, 429) } },
    handler: ({ deps, viewer, body }) => service.markAllRead(deps, viewer, body),
  }),
];
