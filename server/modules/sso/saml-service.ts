import type { CacheProvider, Profile } from '@node-saml/node-saml';
import { generateServiceProviderMetadata } from '@node-saml/node-saml';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SamlConfig } from '../../config.js';
import { inTransaction } from '../../platform/db/database.js';
import type { Deps } from '../../platform/http/deps.js';
import { notFound } from '../../platform/http/problem.js';
import { createSession, setSessionCookie } from '../auth/service.js';
import { type IdentityRules, personFor } from './identity.js';
import { type RefusalCode, SignInRefused } from './refusal.js';
import {
  acsUrlOf,
  assertionFromProfile,
  checkAddressedTo,
  type Idp,
  idpOf,
  REQUEST_MINUTES,
  samlFor,
} from './saml.js';
import * as requests from './saml-repository.js';

function configured(deps: Deps): { saml: SamlConfig; publicUrl: string } {
  const { saml, publicUrl } = deps.config;
  if (!saml || !publicUrl) throw notFound('SAML single sign-on (it is not configured)');
  return { saml, publicUrl };
}

/** Only paths inside Plein, so a crafted RelayState cannot send anyone elsewhere. */
const safeNext = (next: string | undefined) =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';

function redirect(reply: FastifyReply, location: string): void {
  reply.code(302).header('location', location).header('cache-control', 'no-store');
}

const refusedPage = (code: RefusalCode) => `/login?error=${code}`;

/**
 * Issued AuthnRequest ids, in PostgreSQL so any node may receive the answer. The library asks whether an id is
 * open; taking it out happens in the sign-in's own transaction (see acs), so removal here does nothing.
 */
function requestStore(deps: Deps): CacheProvider {
  return {
    saveAsync: async (id, value) => {
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + REQUEST_MINUTES * 60_000);
      await requests.insertRequest(deps.db.pool, { id, now, expiresAt });
      return { value, createdAt: now.getTime() };
    },
    getAsync: (id) => requests.requestIsOpen(deps.db.pool, id, deps.clock.now()),
    removeAsync: async () => null,
  };
}

async function describedIdp(deps: Deps, saml: SamlConfig): Promise<Idp | null> {
  try {
    return await idpOf(saml);
  } catch (error) {
    deps.log.warn({ err: error }, 'the SAML identity provider metadata could not be read');
    return null;
  }
}

/** Sends the browser to the IdP with a fresh AuthnRequest (HTTP-Redirect); where to land rides in RelayState. */
export async function start(deps: Deps, reply: FastifyReply, next: string | undefined): Promise<void> {
  const { saml, publicUrl } = configured(deps);
  const idp = await describedIdp(deps, saml);
  if (!idp) return redirect(reply, refusedPage('sso_unavailable'));
  const url = await samlFor(saml, idp, publicUrl, requestStore(deps)).getAuthorizeUrlAsync(
    safeNext(next),
    undefined,
    {},
  );
  redirect(reply, url);
}

/**
 * The IdP's browser form post. A cross-site POST carries no CSRF token: what binds it to Plein is the signed
 * assertion answering an AuthnRequest Plein issued (InResponseTo, usable once). Either the person gets a session
 * and lands where they were going, or the sign-in page says why not — and nothing is written.
 */
export async function acs(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  form: { SAMLResponse: string; RelayState?: string },
): Promise<void> {
  const { saml, publicUrl } = configured(deps);
  try {
    const idp = await describedIdp(deps, saml);
    if (!idp) throw new SignInRefused('sso_unavailable', 'no IdP metadata');
    const acsUrl = acsUrlOf(publicUrl);
    let profile: Profile;
    let addressed: ReturnType<typeof checkAddressedTo>;
    try {
      const result = await samlFor(saml, idp, publicUrl, requestStore(deps)).validatePostResponseAsync({
        SAMLResponse: form.SAMLResponse,
      });
      if (!result.profile) throw new Error('the response carries no assertion');
      profile = result.profile;
      addressed = checkAddressedTo(form.SAMLResponse, profile, acsUrl);
    } catch (error) {
      throw new SignInRefused('sso_failed', (error as Error).message);
    }
    const now = deps.clock.now();
    const inResponseTo = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : null;
    const session = await inTransaction(deps.db.pool, async (tx) => {
      if (!inResponseTo || !(await requests.takeRequest(tx, inResponseTo, now))) {
        throw new SignInRefused('sso_expired', 'the AuthnRequest was answered already or expired');
      }
      const fresh = await requests.useAssertion(tx, {
        issuer: idp.entityId,
        id: addressed.assertionId,
        expiresAt: addressed.notOnOrAfter ?? new Date(now.getTime() + REQUEST_MINUTES * 60_000),
        now,
      });
      if (!fresh) throw new SignInRefused('sso_failed', 'the assertion was used before (a replay)');
      const personId = await personFor(tx, assertionFromProfile(saml, idp, profile), rulesOf(saml), now);
      return createSession(deps, tx, request, personId);
    });
    setSessionCookie(deps, reply, session.token);
    redirect(reply, safeNext(form.RelayState));
  } catch (error) {
    if (!(error instanceof SignInRefused)) throw error;
    deps.log.info({ code: error.code, detail: error.message }, 'SAML single sign-on refused');
    redirect(reply, refusedPage(error.code));
  }
}

/** SAML asserts no email_verified: the signed word of the configured IdP is what the admin trusts. */
const rulesOf = (saml: SamlConfig): IdentityRules => ({
  allowedDomains: saml.allowedDomains,
  linkByEmail: saml.linkByEmail,
  createPeople: saml.createPeople,
  requireVerifiedEmail: false,
  roleGroups: saml.roleGroups,
});

/** Plein's SP metadata, to upload at the IdP: entity id, ACS address, and that assertions must come signed. */
export function metadata(deps: Deps, reply: FastifyReply): string {
  const { saml, publicUrl } = configured(deps);
  reply
    .type('application/samlmetadata+xml; charset=utf-8')
    .serializer((payload: unknown) => payload as string);
  return generateServiceProviderMetadata({
    issuer: saml.spEntityId,
    callbackUrl: acsUrlOf(publicUrl),
    identifierFormat: null,
    wantAssertionsSigned: true,
  });
}
