import { problems } from '../../../contract/common.js';
import { MailDefaults } from '../../../contract/mail.js';
import { Settings, UpdateSettings } from '../../../contract/settings.js';
import { defineRoute } from '../../platform/http/route.js';
import * as mailDefaults from './mail-defaults.js';
import * as service from './service.js';

const tags = ['settings'];

export const settingsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/settings',
    auth: 'admin',
    rateLimit: 'read',
    summary: "The organisation's settings (admins)",
    tags,
    schema: { response: { 200: Settings, ...problems(401, 403) } },
    handler: ({ deps }) => service.getSettings(deps),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/settings',
    auth: 'admin',
    rateLimit: 'write',
    summary: "Change the organisation's settings (admins; audited)",
    tags,
    schema: { body: UpdateSettings, response: { 200: Settings, ...problems(400, 401, 403) } },
    handler: ({ deps, viewer, body }) => service.updateSettings(deps, viewer, body),
  }),
];

export const mailDefaultRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/settings/mail',
    auth: 'admin',
    rateLimit: 'read',
    summary: "The organisation's mail defaults: each notice kind's channel and the digest (admins)",
    tags,
    schema: { response: { 200: MailDefaults, ...problems(401, 403) } },
    handler: ({ deps }) => mailDefaults.getMailDefaults(deps),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/settings/mail',
    auth: 'admin',
    rateLimit: 'write',
    summary: "Change the organisation's mail defaults (admins; audited); people's own choices stay",
    tags,
    schema: {
      body: mailDefaults.UpdateMailDefaults,
      response: { 200: MailDefaults, ...problems(400, 401, 403) },
    },
    handler: ({ deps, viewer, body }) => mailDefaults.updateMailDefaults(deps, viewer, body),
  }),
];
