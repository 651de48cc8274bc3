import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { problems, Slug } from '../../../contract/common.js';
import { InboundResult, MailInAddress } from '../../../contract/mail-in.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound, Problem, tooManyRequests, unauthorized } from '../../platform/http/problem.js';
import { defineRoute } from '../../platform/http/route.js';
import { setMailIn } from './address.js';
import { receiveMail, SENDER_LIMIT } from './receive.js';

export const INBOUND_PATH = '/api/v1/mail/inbound';
export const INBOUND_SECRET_HEADER = 'x-plein-inbound-secret';

/** Only the inbound route takes a raw message (message/rfc822), up to PLEIN_MAIL_IN_MAX_BYTES. */
export function acceptRawMail(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser(
    'message/rfc822',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (request, body, done) => {
      if (request.routeOptions.url !== INBOUND_PATH) {
        done(new Problem(415, 'Unsupported Media Type', 'Send JSON (application/json).'), undefined);
        return;
      }
      done(null, body);
    },
  );
}

/** The provider proves itself with the shared secret; compared in constant time. Unset: the webhook is off (404). */
function requireSecret(deps: Deps, request: FastifyRequest): void {
  const secret = deps.config.mailIn.webhookSecret;
  if (!secret) throw notFound('route');
  const given = Buffer.from(String(request.headers[INBOUND_SECRET_HEADER] ?? ''));
  const expected = Buffer.from(secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthorized('Send the inbound secret in X-Plein-Inbound-Secret.');
  }
}

const SlugParams = z.object({ slug: Slug });

const mailInSwitch = (method: 'PUT' | 'DELETE') =>
  defineRoute({
    method,
    url: '/api/v1/groups/:slug/mail-in',
    auth: 'person',
    rateLimit: 'write',
    summary:
      method === 'PUT'
        ? "Open a community to mail (owners and admins): members' mail to its address starts a thread"
        : 'Close a community to mail (owners and admins)',
    tags: ['mail'],
    schema: { params: SlugParams, response: { 200: MailInAddress, ...problems(401, 403, 404) } },
    handler: ({ deps, viewer, params }) => setMailIn(deps, viewer, params.slug, method === 'PUT'),
  });

export const mailInRoutes = [
  mailInSwitch('PUT'),
  mailInSwitch('DELETE'),
  defineRoute({
    method: 'POST',
    url: INBOUND_PATH,
    auth: 'none',
    rateLimit: 'none',
    summary:
      "A mail provider's inbound webhook: the raw message (Content-Type: message/rfc822), authenticated by the X-Plein-Inbound-Secret header. Replies by mail, email-in and bounces; dropped mail is still 200",
    tags: ['mail'],
    schema: { response: { 200: InboundResult, ...problems(401, 404, 413, 415, 429) } },
    handler: async ({ deps, request }) => {
      requireSecret(deps, request);
      if (!Buffer.isBuffer(request.body)) {
        throw new Problem(415, 'Unsupported Media Type', 'Send the raw message as message/rfc822.');
      }
      const outcome = await receiveMail(deps, request.body);
      if (outcome.kind === 'refused') {
        if (outcome.reason === 'rate-limited') {
          throw tooManyRequests(`Too many mails from this sender: at most ${SENDER_LIMIT.max} an hour.`, 60);
        }
        throw new Problem(413, 'Content Too Large', 'The message is larger than PLEIN_MAIL_IN_MAX_BYTES.');
      }
      return { outcome: outcome.kind, reason: outcome.kind === 'dropped' ? outcome.reason : null };
    },
  }),
];
