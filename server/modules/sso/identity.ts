import type { OidcConfig } from '../../config.js';
import type { Role } from '../../platform/auth/viewer.js';
import type { Queryable } from '../../platform/db/database.js';
import { writeAudit } from '../audit/repository.js';
import * as people from '../people/repository.js';
import { freeHandle } from '../people/service.js';
import { SignInRefused } from './refusal.js';
import * as sso from './repository.js';

/**
 * What an identity provider asserted about the person signing in, whatever the protocol (OIDC now, SAML later).
 * `issuer` + `subject` is the key; everything else only matters the first time, or for the rules below.
 */
export type Assertion = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  title: string | null;
  department: string | null;
  locale: 'nl' | 'en' | null;
  groups: string[];
};

export type IdentityRules = Pick<
  OidcConfig,
  'allowedDomains' | 'linkByEmail' | 'createPeople' | 'requireVerifiedEmail' | 'roleGroups'
>;

const LIMITS = { name: 120, shortText: 120 };

/**
 * The person an assertion signs in, by the rules: known by (issuer, subject) → them; otherwise, when allowed, the
 * person with the same verified email (linked from now on), or a new person from the claims. Anything else is a
 * SignInRefused. Runs in the caller's transaction, so a refusal leaves nothing behind.
 */
export async function personFor(
  tx: Queryable,
  assertion: Assertion,
  rules: IdentityRules,
  now: Date,
): Promise<string> {
  const email = assertion.email?.trim().toLowerCase() || null;
  if (email && rules.allowedDomains.length > 0 && !rules.allowedDomains.includes(domainOf(email))) {
    throw new SignInRefused('domain_not_allowed', `${domainOf(email)} is not an allowed email domain`);
  }
  if (rules.requireVerifiedEmail && email && !assertion.emailVerified) {
    throw new SignInRefused('email_unverified', 'the provider does not mark the email as verified');
  }
  const known = await sso.findIdentity(tx, assertion.issuer, assertion.subject);
  if (known) {
    if (known.status !== 'active') throw new SignInRefused('deactivated', 'the person is deactivated');
    await sso.touchIdentity(tx, known.id, now);
    return known.person_id;
  }
  if (!email) throw new SignInRefused('email_missing', 'no email claim on a first sign-in');
  // Where the provider is not asked to vouch for emails (Entra ID sends no email_verified), the admin trusts them.
  const emailTrusted = assertion.emailVerified || !rules.requireVerifiedEmail;
  if (!emailTrusted) throw new SignInRefused('email_unverified', 'an unverified email cannot sign in first');
  const existing = await people.findByEmail(tx, email);
  if (existing) {
    if (!rules.linkByEmail) throw new SignInRefused('link_not_allowed', 'linking by email is off');
    // Someone already known to this provider under another subject is another account that reused the email.
    if (await sso.hasIdentityAt(tx, assertion.issuer, existing.id)) {
      throw new SignInRefused('link_not_allowed', 'the person is linked to another subject of this issuer');
    }
    if (existing.status !== 'active') throw new SignInRefused('deactivated', 'the person is deactivated');
    await link(tx, assertion, existing.id, now, 'identity.link');
    return existing.id;
  }
  if (!rules.createPeople) throw new SignInRefused('not_provisioned', 'no such person, and creation is off');
  const personId = await createFromClaims(tx, assertion, email, rules, now);
  await link(tx, assertion, personId, now, 'identity.create');
  return personId;
}

async function link(tx: Queryable, assertion: Assertion, personId: string, now: Date, action: string) {
  await sso.insertIdentity(tx, { issuer: assertion.issuer, subject: assertion.subject, personId, now });
  await writeAudit(tx, {
    actorId: null,
    action,
    targetType: 'person',
    targetId: personId,
    after: { issuer: assertion.issuer, subject: assertion.subject },
  });
}

async function createFromClaims(
  tx: Queryable,
  assertion: Assertion,
  email: string,
  rules: IdentityRules,
  now: Date,
): Promise<string> {
  const { role, isLeader } = rolesFromGroups(assertion.groups, rules.roleGroups);
  const row = await people.insertPerson(
    tx,
    {
      handle: await freeHandle(tx, email),
      email,
      name: clip(assertion.name, LIMITS.name) || email.split('@')[0]!,
      title: clip(assertion.title, LIMITS.shortText),
      department: clip(assertion.department, LIMITS.shortText),
      location: '',
      timeZone: 'Europe/Amsterdam',
      managerId: null,
      isLeader,
      role,
      skills: [],
      bio: '',
      locale: assertion.locale,
      passwordHash: null,
      provisionedVia: 'sso',
    },
    now,
  );
  await writeAudit(tx, {
    actorId: null,
    action: 'person.create',
    targetType: 'person',
    targetId: row.id,
    after: { handle: row.handle, email: row.email, name: row.name, role, isLeader, via: assertion.issuer },
  });
  return row.id;
}

/** The highest role any of the person's groups gives; leader is a flag beside it. */
export function rolesFromGroups(
  groups: string[],
  mapping: IdentityRules['roleGroups'],
): { role: Role; isLeader: boolean } {
  const has = (names: string[]) => names.some((name) => groups.includes(name));
  const role: Role = has(mapping.admin)
    ? 'admin'
    : has(mapping.communityManager)
      ? 'community_manager'
      : 'member';
  return { role, isLeader: has(mapping.leader) };
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const clip = (value: string | null, max: number) => (value ?? '').trim().slice(0, max);
