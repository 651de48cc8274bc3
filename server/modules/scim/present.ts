import { type Doc, isObject } from './document.js';
import { splitPath } from './filter.js';
import type { GroupRow, MemberRow } from './groups-repository.js';
import { URN } from './schema.js';
import type { ScimUserRow } from './users-repository.js';

/** A weak ETag from the last change: cheap, and it moves with every write (RFC 7644 §3.14). */
export const versionOf = (updatedAt: Date) => `W/"${updatedAt.getTime()}"`;

const meta = (resourceType: string, location: string, row: { created_at: Date; updated_at: Date }) => ({
  resourceType,
  created: row.created_at.toISOString(),
  lastModified: row.updated_at.toISOString(),
  location,
  version: versionOf(row.updated_at),
});

/** Plein's columns over what the provider last sent: where they differ, Plein's current value is the truth. */
export function presentUser(row: ScimUserRow, base: string): Doc {
  const data = row.scim_data ?? {};
  const enterprise = isObject(data.enterprise) ? data.enterprise : {};
  const realEmail = row.email.endsWith('.invalid') ? [] : [{ value: row.email, type: 'work', primary: true }];
  const addresses = Array.isArray(data.addresses)
    ? data.addresses
    : row.location
      ? [{ type: 'work', locality: row.location, primary: true }]
      : undefined;
  const extension = {
    ...enterprise,
    ...(row.department ? { department: row.department } : {}),
    ...(row.manager_id
      ? {
          manager: {
            value: row.manager_id,
            $ref: `${base}/Users/${row.manager_id}`,
            displayName: row.manager_name,
          },
        }
      : {}),
  };
  return withoutEmpty({
    schemas: Object.keys(extension).length > 0 ? [URN.user, URN.enterprise] : [URN.user],
    id: row.id,
    externalId: row.external_id,
    userName: row.scim_user_name ?? row.email,
    name: isObject(data.name) ? data.name : { formatted: row.name },
    displayName: row.name,
    nickName: data.nickName,
    profileUrl: data.profileUrl,
    title: row.title,
    userType: data.userType,
    preferredLanguage: data.preferredLanguage ?? row.locale,
    locale: data.locale,
    timezone: data.timezone,
    active: row.status === 'active',
    emails: Array.isArray(data.emails) ? data.emails : realEmail,
    phoneNumbers: data.phoneNumbers,
    addresses,
    [URN.enterprise]: extension,
    meta: meta('User', `${base}/Users/${row.id}`, row),
  });
}

export function presentGroup(row: GroupRow, members: MemberRow[] | null, base: string): Doc {
  return withoutEmpty({
    schemas: [URN.group],
    id: row.id,
    externalId: row.external_id,
    displayName: row.display_name,
    ...(members
      ? {
          members: members.map((member) => ({
            value: member.person_id,
            display: member.display ?? member.name,
            $ref: `${base}/Users/${member.person_id}`,
            type: 'User',
          })),
        }
      : {}),
    meta: meta('Group', `${base}/Groups/${row.id}`, row),
  });
}

/** Leaves out null, empty strings and empty objects: SCIM omits what has no value. */
function withoutEmpty(doc: Doc): Doc {
  return Object.fromEntries(
    Object.entries(doc).filter(
      ([, value]) =>
        value !== null &&
        value !== undefined &&
        value !== '' &&
        !(isObject(value) && Object.keys(value).length === 0),
    ),
  );
}

/** The list response of RFC 7644 §3.4.2. */
export const listResponse = (resources: Doc[], total: number, startIndex: number) => ({
  schemas: [URN.list],
  totalResults: total,
  itemsPerPage: resources.length,
  startIndex,
  Resources: resources,
});

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5): names in any case, sub-attributes with a dot, a value
 * filter (`emails[type eq "work"]`) read as its attribute. id and schemas are always returned.
 */
export function project(doc: Doc, attributes: string | undefined, excluded: string | undefined): Doc {
  const wanted = namesOf(attributes);
  const dropped = namesOf(excluded);
  if (wanted.length === 0 && dropped.length === 0) return doc;
  let result: Doc = doc;
  if (wanted.length > 0) {
    result = { schemas: doc.schemas, id: doc.id };
    for (const path of wanted) copyPath(doc, result, path);
  }
  for (const path of dropped) dropPath(result, path);
  return result;
}

const namesOf = (list: string | undefined) =>
  (list ?? '')
    .split(',')
    .map((name) => name.replace(/\[.*$/, '').trim())
    .filter(Boolean)
    .map(splitPath)
    .filter((names) => names.length > 0);

const keyOf = (doc: Doc, name: string) =>
  Object.keys(doc).find((key) => key.toLowerCase() === name.toLowerCase());

function copyPath(from: Doc, to: Doc, names: string[]) {
  const key = keyOf(from, names[0]!);
  if (key === undefined) return;
  if (names.length === 1 || !isObject(from[key])) {
    to[key] = from[key];
    return;
  }
  if (!isObject(to[key])) to[key] = {};
  copyPath(from[key] as Doc, to[key] as Doc, names.slice(1));
}

function dropPath(doc: Doc, names: string[]) {
  const key = keyOf(doc, names[0]!);
  if (key === undefined || key === 'id' || key === 'schemas') return;
  if (names.length === 1) {
    delete doc[key];
  } else if (isObject(doc[key])) {
    doc[key] = { ...(doc[key] as Doc) };
    dropPath(doc[key] as Doc, names.slice(1));
  }
}
