import { z } from 'zod';
import { Empty, problems, Slug } from '../../../contract/common.js';
import {
  MailPreferences,
  OneClickBody,
  OutboxInfo,
  OutboxPage,
  OutboxQuery,
  UnsubscribeParams,
  UnsubscribePreview,
  UnsubscribeResult,
  UpdateMailPreferences,
} from '../../../contract/mail.js';
import { ThreadParams } from '../../../contract/threads.js';
import { defineRoute } from '../../platform/http/route.js';
import * as service from './service.js';

const tags = ['mail'];
const SlugParams = z.object({ slug: Slug });

export const mailRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/me/mail',
    auth: 'person',
    rateLimit: 'read',
    summary: 'What Plein mails me: each kind of notice, the digest, quiet hours and mutes',
    tags,
    schema: { response: { 200: MailPreferences, ...problems(401) } },
    handler: ({ deps, viewer }) => service.getPreferences(deps, viewer),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/me/mail',
    auth: 'person',
    rateLimit: 'write',
    summary: 'Change what Plein mails me (kinds not given keep their setting)',
    tags,
    schema: { body: UpdateMailPreferences, response: { 200: MailPreferences, ...problems(400, 401, 429) } },
    handler: ({ deps, viewer, body }) => service.updatePreferences(deps, viewer, body),
  }),
  ...(['PUT', 'DELETE'] as const).map((method) =>
    defineRoute({
      method,
      url: '/api/v1/threads/:id/mail-mute',
      auth: 'person',
      rateLimit: 'write',
      summary: method === 'PUT' ? 'Mute a thread: no mail about it' : 'Unmute a thread',
      tags,
      status: 204,
      schema: { params: ThreadParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 429) } },
      handler: ({ deps, viewer, params }) => service.muteThread(deps, viewer, params.id, method === 'PUT'),
    }),
  ),
  ...(['PUT', 'DELETE'] as const).map((method) =>
    defineRoute({
      method,
      url: '/api/v1/groups/:slug/mail-mute',
      auth: 'person',
      rateLimit: 'write',
      summary: method === 'PUT' ? 'Mute a community: no mail about it' : 'Unmute a community',
      tags,
      status: 204,
      schema: { params: SlugParams, response: { 204: Empty, ...problems(400, 401, 404, 429) } },
      handler: ({ deps, viewer, params }) =>
        service.muteCommunity(deps, viewer, params.slug, method === 'PUT'),
    }),
  ),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/outbox',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'Every mail Plein composed, newest first (admins): without SMTP_URL, what would have been sent',
    tags,
    schema: { querystring: OutboxQuery, response: { 200: OutboxPage, ...problems(400, 401, 403) } },
    handler: ({ deps, query }) => service.listOutbox(deps, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/outbox/status',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'Whether mail goes to an SMTP server or only to the outbox (admins)',
    tags,
    schema: { response: { 200: OutboxInfo, ...problems(401, 403) } },
    handler: async ({ deps }) => service.outboxStatus(deps),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mail/unsubscribe/:token',
    auth: 'public',
    rateLimit: 'read',
    summary: 'What an unsubscribe link would turn off; changes nothing (the confirmation page asks this)',
    tags,
    schema: { params: UnsubscribeParams, response: { 200: UnsubscribePreview, ...problems(400, 404) } },
    handler: ({ deps, params }) => service.previewUnsubscribe(deps, params.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/unsubscribe/:token',
    auth: 'public',
    rateLimit: 'none',
    signedToken: true,
    summary:
      'One-click unsubscribe (RFC 8058): the List-Unsubscribe target. No sign-in; the signed token is the proof. A GET of this address shows the confirmation page instead',
    tags,
    schema: {
      params: UnsubscribeParams,
      body: OneClickBody,
      response: { 200: UnsubscribeResult, ...problems(400, 404, 415) },
    },
    handler: ({ deps, params }) => service.unsubscribe(deps, params.token),
  }),
];
