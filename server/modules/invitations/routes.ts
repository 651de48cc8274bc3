import { z } from 'zod';
import { LoginResult } from '../../../contract/auth.js';
import { Empty, Id, page, problems } from '../../../contract/common.js';
import {
  AcceptInvitation,
  CreateInvitation,
  CsvResult,
  Invitation,
  InvitationCsv,
  InvitationPreview,
  InvitationsQuery,
  InvitationToken,
  RequestSignInLink,
  SignInLinkRequested,
  UseSignInLink,
} from '../../../contract/invitations.js';
import { defineRoute } from '../../platform/http/route.js';
import { requestSignInLink, signInWithLink } from './magic-link.js';
import * as service from './service.js';

const tags = ['invitations'];
const IdParams = z.object({ id: Id });

export const invitationRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/invitations',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Invite one person by email: created now, activated when they accept (admins; audited)',
    tags,
    status: 201,
    schema: { body: CreateInvitation, response: { 201: Invitation, ...problems(400, 401, 403, 409) } },
    handler: ({ deps, viewer, body }) => service.invite(deps, viewer, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/invitations/csv',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      "Invite everyone in a CSV in Workplace's bulk provisioning format; any error names its line and nothing is applied",
    tags,
    status: 201,
    schema: { body: InvitationCsv, response: { 201: CsvResult, ...problems(400, 401, 403, 413) } },
    handler: ({ deps, viewer, body }) => service.inviteFromCsv(deps, viewer, body.csv),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/admin/invitations',
    auth: 'admin',
    rateLimit: 'read',
    summary: 'Invitations, newest first, optionally by status (admins)',
    tags,
    schema: {
      querystring: InvitationsQuery,
      response: { 200: page(Invitation), ...problems(400, 401, 403) },
    },
    handler: ({ deps, query }) => service.listInvitations(deps, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/admin/invitations/:id/resend',
    auth: 'admin',
    rateLimit: 'write',
    summary:
      'Send an invitation again with a new link and expiry; the old link stops working (admins; audited)',
    tags,
    schema: { params: IdParams, response: { 200: Invitation, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, params }) => service.resend(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/admin/invitations/:id',
    auth: 'admin',
    rateLimit: 'write',
    summary: 'Withdraw an invitation: its link stops working (admins; audited)',
    tags,
    status: 204,
    schema: { params: IdParams, response: { 204: Empty, ...problems(400, 401, 403, 404, 409) } },
    handler: ({ deps, viewer, params }) => service.revoke(deps, viewer, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/invitations/preview',
    auth: 'public',
    rateLimit: 'login',
    summary: 'Who an invitation link is for, before accepting it (the secret in the body, never in a URL)',
    tags,
    schema: { body: InvitationToken, response: { 200: InvitationPreview, ...problems(400, 404, 429) } },
    handler: ({ deps, request, body }) => service.preview(deps, request, body.token),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    auth: 'public',
    rateLimit: 'login',
    summary: 'Accept an invitation: set a password, be activated and signed in; the link is spent',
    tags,
    schema: { body: AcceptInvitation, response: { 200: LoginResult, ...problems(400, 404, 429) } },
    handler: ({ deps, request, reply, body }) => service.accept(deps, request, reply, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/magic-link',
    auth: 'public',
    rateLimit: 'login',
    summary: 'Mail a one-use sign-in link (15 minutes); the same answer whether or not the address is known',
    tags: ['auth'],
    schema: { body: RequestSignInLink, response: { 200: SignInLinkRequested, ...problems(400, 429) } },
    handler: ({ deps, request, body }) => requestSignInLink(deps, request, body.email),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/auth/magic-link/sign-in',
    auth: 'public',
    rateLimit: 'login',
    summary: 'Sign in with a magic link: sets the session cookie and returns the CSRF token',
    tags: ['auth'],
    schema: { body: UseSignInLink, response: { 200: LoginResult, ...problems(400, 401, 429) } },
    handler: ({ deps, request, reply, body }) => signInWithLink(deps, request, reply, body.token),
  }),
];
