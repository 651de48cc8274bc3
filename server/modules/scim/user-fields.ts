import { LIMITS } from '../../../contract/common.js';
import type { Queryable } from '../../platform/db/database.js';
import { handleTaken, wouldCreateCycle } from '../people/repository.js';
import { type Doc, isObject } from './document.js';
import { ScimProblem } from './problem.js';
import { URN } from './schema.js';
import * as users from './users-repository.js';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const clip = (value: string) => value.slice(0, LIMITS.nameLength);
const list = (value: unknown): Doc[] => (Array.isArray(value) ? value.filter(isObject) : []);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a SCIM User document means for a person's columns (all but the email, which needs the handle first). */
export async function fieldsOf(
  db: Queryable,
  doc: Doc,
  selfId: string | null,
): Promise<Omit<users.ScimPersonFields, 'email'>> {
  const userName = text(doc.userName);
  if (!userName) throw new ScimProblem(400, 'invalidValue', 'userName is required.');
  if (userName.length > 256)
    throw new ScimProblem(400, 'invalidValue', 'userName is longer than 256 characters.');
  const name = isObject(doc.name) ? doc.name : {};
  const enterprise = isObject(doc[URN.enterprise]) ? (doc[URN.enterprise] as Doc) : {};
  const { department, manager, ...otherEnterprise } = enterprise;
  const {
    userName: _u,
    externalId,
    active,
    displayName,
    title,
    name: _n,
    [URN.enterprise]: _e,
    ...rest
  } = doc;
  const fullName =
    text(displayName) ||
    text(name.formatted) ||
    [text(name.givenName), text(name.familyName)].filter(Boolean).join(' ') ||
    userName;
  return {
    userName,
    externalId: text(externalId) || null,
    name: clip(fullName),
    title: clip(text(title)),
    department: clip(text(department)),
    location: clip(workLocality(list(doc.addresses))),
    locale: localeOf(text(doc.preferredLanguage)),
    status: active === false ? 'deactivated' : 'active',
    managerId: await managerOf(db, isObject(manager) ? text(manager.value) : '', selfId),
    scimData: { ...rest, ...(isObject(doc.name) ? { name } : {}), enterprise: otherEnterprise },
  };
}

/** The work address's locality is the location; otherwise the primary address's, or the first one given. */
function workLocality(addresses: Doc[]): string {
  const pick =
    addresses.find((a) => text(a.type).toLowerCase() === 'work' && text(a.locality)) ??
    addresses.find((a) => a.primary === true && text(a.locality)) ??
    addresses.find((a) => text(a.locality));
  return pick ? text(pick.locality) : '';
}

/** preferredLanguage "nl-NL", "nl", "en-GB" → nl or en; any other language leaves the organisation's default. */
function localeOf(language: string): 'nl' | 'en' | null {
  const primary = language.toLowerCase().split(/[-_]/)[0];
  return primary === 'nl' || primary === 'en' ? primary : null;
}

/** A manager the provider names but Plein does not know (yet) is left empty; a loop is refused. */
async function managerOf(db: Queryable, reference: string, selfId: string | null): Promise<string | null> {
  if (!reference || !(await users.livingPerson(db, reference))) return null;
  if (selfId && (reference === selfId || (await wouldCreateCycle(db, selfId, reference)))) {
    throw new ScimProblem(
      400,
      'invalidValue',
      'That manager would make this User their own (indirect) manager.',
    );
  }
  return reference;
}

/** The primary email (or the first), when it is an address and nobody else's; else the userName if it is one. */
export async function pickEmail(
  db: Queryable,
  doc: Doc,
  userName: string,
  current: { id: string; email: string } | null,
  handle: string,
): Promise<string> {
  const emails = list(doc.emails);
  const primary = emails.find((e) => e.primary === true) ?? emails[0];
  for (const candidate of [text(primary?.value), userName]) {
    if (!EMAIL.test(candidate)) continue;
    const owner = await users.emailOwner(db, candidate);
    if (!owner || owner === current?.id) return candidate;
  }
  // Someone else has that address (or none was given): kept apart until it is free, never shared.
  return current?.email ?? `${handle}@scim.invalid`;
}

/** A readable handle in the house style ("ryan.leenay"), from the name, else the address; unique with a number. */
export async function freeHandle(db: Queryable, doc: Doc, userName: string): Promise<string> {
  const name = isObject(doc.name) ? doc.name : {};
  const clean = (part: string) =>
    part
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '');
  const given = clean(text(name.givenName));
  const family = clean(text(name.familyName));
  const email = list(doc.emails).find((e) => EMAIL.test(text(e.value)));
  const fromAddress = clean((text(email?.value) || userName).split('@')[0]!);
  const base =
    ((given && family ? `${given}.${family}` : '') || fromAddress)
      .replace(/^[._-]+|[._-]+$/g, '')
      .slice(0, 36)
      .replace(/[._-]+$/, '') || 'person';
  const padded = base.length < 2 ? `${base}0` : base;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? padded : `${padded}${n}`;
    if (!(await handleTaken(db, candidate))) return candidate;
  }
}
