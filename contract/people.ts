import { z } from 'zod';
import { ATTACHMENT_URL } from './attachments.js';
import { Handle, Id, LIMITS, PageQuery, singleLine, Timestamp } from './common.js';

export const Role = z.enum(['member', 'community_manager', 'admin']);
export const Locale = z.enum(['nl', 'en']);

export const PersonSummary = z.object({
  id: Id,
  handle: z.string(),
  name: z.string(),
  title: z.string(),
  department: z.string(),
  location: z.string(),
  avatarUrl: z.string().nullable(),
  isLeader: z.boolean(),
  status: z.enum(['active', 'deactivated']),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

export const PersonProfile = PersonSummary.extend({
  timeZone: z.string(),
  skills: z.array(z.string()),
  bio: z.string(),
  role: Role,
  manager: PersonSummary.nullable(),
  directReports: z.array(PersonSummary),
  followers: z.number().int(),
  following: z.number().int(),
  followedByMe: z.boolean(),
  createdAt: Timestamp,
});
export type PersonProfile = z.infer<typeof PersonProfile>;

/** What the signed-in person sees of themselves. */
// Null for a person without an address (a frontline worker brought in by an import).
export const Me = PersonProfile.extend({ email: z.string().nullable(), locale: Locale.nullable() });
export type Me = z.infer<typeof Me>;

const Name = singleLine(z.string().trim().min(1).max(LIMITS.nameLength));
const ShortText = singleLine(z.string().trim().max(LIMITS.nameLength));
const Skills = z.array(singleLine(z.string().trim().min(1).max(60))).max(50, 'at most 50 skills');
export const TimeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Amsterdam');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * An avatar is a small picture inside the data itself, served with the profile by Plein: an address on another
 * host would let that host log who views whose profile. An uploaded photo is an attachment of the profile, served by Plein.
 */
export const AvatarUrl = z
  .string()
  .max(2000)
  .refine(
    (url) =>
      /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/.test(url) ||
      ATTACHMENT_URL.test(url),
    'must be a picture Plein serves itself (an uploaded photo, /api/v1/attachments/…/content, or a ' +
      'data:image/…;base64 URL of PNG, JPEG, GIF, WebP or SVG), not an address on another host',
  );

export const CreatePerson = z.strictObject({
  email: z.email().max(254),
  name: Name,
  handle: Handle.optional(),
  password: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
  title: ShortText.default(''),
  department: ShortText.default(''),
  location: ShortText.default(''),
  timeZone: TimeZone.default('Europe/Amsterdam'),
  managerHandle: Handle.nullable().optional(),
  leader: z.boolean().default(false),
  role: Role.default('member'),
  skills: Skills.default([]),
  bio: z.string().max(2000).default(''),
  locale: Locale.nullable().optional(),
});

/** What anyone may change about themselves. */
export const UpdateMe = z
  .object({
    name: Name,
    title: ShortText,
    department: ShortText,
    location: ShortText,
    timeZone: TimeZone,
    skills: Skills,
    bio: z.string().max(2000),
    avatarUrl: AvatarUrl.nullable(),
    locale: Locale.nullable(),
    password: z.string().min(12, 'must be at least 12 characters').max(200),
    currentPassword: z.string().max(200),
  })
  .partial()
  .strict();

/** What an admin may change about anyone. */
export const UpdatePerson = UpdateMe.omit({ currentPassword: true })
  .extend({
    email: z.email().max(254),
    handle: Handle,
    managerHandle: Handle.nullable(),
    leader: z.boolean(),
    role: Role,
    status: z.enum(['active', 'deactivated']),
  })
  .partial()
  .strict();

export const PeopleQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  skill: z.string().trim().max(60).optional(),
  department: z.string().trim().max(LIMITS.nameLength).optional(),
  location: z.string().trim().max(LIMITS.nameLength).optional(),
});
