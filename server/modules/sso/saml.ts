import { readFile } from 'node:fs/promises';
import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { SamlAttributes, SamlConfig } from '../../config.js';
import type { Assertion } from './identity.js';

export const ACS_PATH = '/api/v1/auth/saml/acs';
export const acsUrlOf = (publicUrl: string) => `${publicUrl}${ACS_PATH}`;
/** Time to sign in at the IdP, second factor included; also how long an AuthnRequest id stays answerable. */
export const REQUEST_MINUTES = 10;
/** Clocks of IdP and Plein may differ this much around NotBefore and NotOnOrAfter. */
const CLOCK_SKEW_MS = 60_000;

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What Plein needs to know about the IdP: who it is, where people sign in, and the keys it signs with. */
export type Idp = { entityId: string; ssoUrl: string; certs: string[] };

const described = new Map<string, Promise<Idp>>();

/** The IdP as configured, its metadata read once per process (a failed read is tried again next time). */
export function idpOf(config: SamlConfig): Promise<Idp> {
  const { idp } = config;
  if (!('metadata' in idp)) {
    return Promise.resolve({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, certs: [certBody(idp.cert)] });
  }
  let found = described.get(idp.metadata);
  if (!found) {
    found = readMetadata(idp.metadata).then(parseIdpMetadata);
    found.catch(() => described.delete(idp.metadata));
    described.set(idp.metadata, found);
  }
  return found;
}

async function readMetadata(source: string): Promise<string> {
  if (!/^https?:\/\//.test(source)) return readFile(source, 'utf8');
  const response = await fetch(source, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`IdP metadata answered ${response.status}`);
  return response.text();
}

/** Entity id, HTTP-Redirect sign-in address and signing certificates from an IdP's metadata document. */
export function parseIdpMetadata(xml: string): Idp {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const entity = doc.getElementsByTagNameNS(MD, 'EntityDescriptor')[0];
  const descriptor = doc.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (!entity || !descriptor) throw new Error('the metadata describes no SAML identity provider');
  const services = Array.from(descriptor.getElementsByTagNameNS(MD, 'SingleSignOnService'));
  const ssoUrl = services
    .find((service) => service.getAttribute('Binding') === REDIRECT_BINDING)
    ?.getAttribute('Location');
  const certs = Array.from(descriptor.getElementsByTagNameNS(MD, 'KeyDescriptor'))
    .filter((key) => (key.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(DS, 'X509Certificate')))
    .map((cert) => certBody(cert.textContent ?? ''));
  const entityId = entity.getAttribute('entityID');
  if (!entityId || !ssoUrl || certs.length === 0) {
    throw new Error('the metadata lacks an entityID, an HTTP-Redirect SingleSignOnService or a signing key');
  }
  return { entityId, ssoUrl, certs };
}

/** A certificate as the library takes it: the base64 body, whether given as PEM or bare. */
const certBody = (cert: string) => cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

/**
 * The protocol engine for one exchange. It checks signatures (a signed assertion, or a signed response around
 * it; never a second assertion), issuer, audience, time conditions and InResponseTo against `requests`.
 */
export function samlFor(config: SamlConfig, idp: Idp, publicUrl: string, requests: CacheProvider): SAML {
  return new SAML({
    entryPoint: idp.ssoUrl,
    issuer: config.spEntityId,
    callbackUrl: acsUrlOf(publicUrl),
    idpCert: idp.certs,
    idpIssuer: idp.entityId,
    audience: config.spEntityId,
    // Either signature suffices; with neither the library refuses the response.
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_MINUTES * 60_000,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    identifierFormat: null,
    // Asking for a password context would refuse people who signed in with Windows or a passkey.
    disableRequestedAuthnContext: true,
    cacheProvider: requests,
  });
}

type Parsed = { Assertion: Record<string, unknown> & { $?: Record<string, string> } };
type Node = { $?: Record<string, string>; _?: string };

/** What the library leaves to Plein: the Response's Destination and the assertion's Recipient name Plein's ACS. */
export function checkAddressedTo(samlResponse: string, profile: Profile, acsUrl: string) {
  const response = new DOMParser().parseFromString(
    Buffer.from(samlResponse, 'base64').toString('utf8'),
    'text/xml',
  ).documentElement;
  const destination = response?.getAttribute('Destination');
  if (destination && destination !== acsUrl) throw new Error(`Destination ${destination} is not this ACS`);
  const assertion = (profile.getAssertion?.() as Parsed | undefined)?.Assertion;
  const subject = (assertion?.Subject as Record<string, unknown>[] | undefined)?.[0];
  const confirmations = (subject?.SubjectConfirmation ?? []) as Record<string, Node[]>[];
  const recipients = confirmations.flatMap((confirmation) =>
    (confirmation.SubjectConfirmationData ?? []).map((data) => data.$?.Recipient),
  );
  if (recipients.length === 0 || recipients.some((recipient) => recipient !== acsUrl)) {
    throw new Error(`Recipient ${recipients.join(', ') || '(none)'} is not this ACS`);
  }
  const conditions = (assertion?.Conditions as Node[] | undefined)?.[0]?.$;
  return {
    assertionId: assertion?.$?.ID ?? '',
    notOnOrAfter: conditions?.NotOnOrAfter ? new Date(conditions.NotOnOrAfter) : null,
  };
}

/** The names IdPs commonly use for each field (Entra ID and ADFS claim URIs, Okta, LDAP OIDs). */
const USUAL_NAMES: Record<keyof SamlAttributes, string[]> = {
  email: [
    'email',
    'mail',
    'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
    'urn:oid:0.9.2342.19200300.100.1.3',
  ],
  name: [
    'displayName',
    'name',
    'http://schemas.microsoft.com/identity/claims/displayname',
    'urn:oid:2.16.840.1.113730.3.1.241',
  ],
  givenName: ['givenName', 'firstName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname'],
  familyName: ['sn', 'surname', 'lastName', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname'],
  title: ['title', 'jobTitle', 'jobtitle', 'urn:oid:2.5.4.12'],
  department: ['department', 'urn:oid:2.5.4.11'],
  locale: ['locale', 'preferredLanguage', 'urn:oid:2.16.840.1.113730.3.1.39'],
  groups: ['groups', 'memberOf', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups'],
};

/** The signed-in person as the identity rules see them, keyed on the IdP's entity id and the NameID. */
export function assertionFromProfile(config: SamlConfig, idp: Idp, profile: Profile): Assertion {
  const values = (field: keyof SamlAttributes): string[] => {
    const names = config.attributes[field] ? [config.attributes[field]] : USUAL_NAMES[field];
    for (const name of names) {
      const value = profile[name];
      const list = (Array.isArray(value) ? value : [value]).filter(
        (item): item is string => typeof item === 'string' && item.trim() !== '',
      );
      if (list.length > 0) return list.map((item) => item.trim());
    }
    return [];
  };
  const text = (field: keyof SamlAttributes) => values(field)[0] ?? null;
  const given = [text('givenName'), text('familyName')].filter(Boolean).join(' ');
  const emailNameId =
    profile.nameIDFormat === 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' ? profile.nameID : null;
  const locale = text('locale')?.slice(0, 2).toLowerCase();
  return {
    issuer: idp.entityId,
    subject: profile.nameID,
    email: text('email') ?? emailNameId,
    // SAML has no email_verified: the IdP signs what it asserts, and the admin chose to trust that IdP.
    emailVerified: true,
    name: text('name') ?? (given || null),
    title: text('title'),
    department: text('department'),
    locale: locale === 'nl' || locale === 'en' ? locale : null,
    groups: values('groups'),
  };
}
