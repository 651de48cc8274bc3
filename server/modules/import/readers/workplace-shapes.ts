import { z } from 'zod';

/**
 * The shapes the Workplace from Meta reader accepts (docs/IMPORT.md). Meta published no schema of the admin
 * download, so these follow the Graph API's objects; fields outside them are ignored, missing required ones refuse.
 */

/** A Graph edge is `{ data: [...] }`; the download also writes bare arrays. */
const edge = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      value && typeof value === 'object' && !Array.isArray(value) && 'data' in value ? value.data : value,
    z.array(item),
  );

const Id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);
const Time = z.string().min(1).max(60);

export const WpFrom = z.object({
  id: Id,
  name: z.string().max(500).optional(),
  email: z.string().max(254).nullable().optional(),
});

export const WpMember = z.object({
  id: Id,
  name: z.string().max(500).optional(),
  first_name: z.string().max(250).optional(),
  last_name: z.string().max(250).optional(),
  email: z.string().max(254).nullable().optional(),
  title: z.string().max(500).nullable().optional(),
  department: z.string().max(500).nullable().optional(),
  division: z.string().max(500).nullable().optional(),
  location: z.string().max(500).nullable().optional(),
  /** The Graph API gives the manager as an object; the employee export as an id. */
  manager: z
    .union([z.object({ id: Id }), Id])
    .nullable()
    .optional(),
  /** false, or account_status "deactivated": left the organisation. */
  active: z.boolean().optional(),
  account_status: z.string().max(50).optional(),
  frontline: z.union([z.boolean(), z.object({ is_frontline: z.boolean() })]).optional(),
  account_claim_time: Time.nullable().optional(),
});
export type WpMember = z.infer<typeof WpMember>;

export const WpReaction = z.object({
  id: Id,
  name: z.string().max(500).optional(),
  type: z.string().max(20),
});

const WpTag = z.object({
  id: Id,
  type: z.string().max(20).optional(),
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
});

const WpAttachment = z.object({
  title: z.string().max(500).optional(),
  url: z.string().max(2000).optional(),
  type: z.string().max(50).optional(),
});

const postFields = {
  id: Id,
  from: WpFrom,
  message: z.string().max(100_000).optional(),
  created_time: Time,
  updated_time: Time.optional(),
  message_tags: z.array(WpTag).optional(),
  reactions: edge(WpReaction).optional(),
  attachments: edge(WpAttachment).optional(),
};

export const WpSubComment = z.object(postFields);
export const WpComment = z.object({ ...postFields, comments: edge(WpSubComment).optional() });
export type WpComment = z.infer<typeof WpComment>;

export const WpPost = z.object({
  ...postFields,
  formatting: z.enum(['MARKDOWN', 'PLAINTEXT']).optional(),
  type: z.string().max(50).optional(),
  comments: edge(WpComment).optional(),
});
export type WpPost = z.infer<typeof WpPost>;

export const WpGroup = z.object({
  id: Id,
  name: z.string().min(1).max(500),
  description: z.string().max(10_000).nullable().optional(),
  privacy: z.string().max(20),
  created_time: Time.optional(),
  members: edge(z.object({ id: Id, administrator: z.boolean().optional() })).optional(),
});

export const WpPeopleFile = edge(WpMember);
export const WpPostsFile = edge(WpPost);

/** A JSON file larger than this is refused: it is parsed whole (split it per group as the download does). */
export const WORKPLACE_JSON_LIMIT = 256 * 1024 * 1024;
