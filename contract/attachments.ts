import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** Raster images Plein shows inline (and makes a web size and thumbnail of); everything else is a download. */
export const INLINE_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

/** The address of an upload's bytes; Markdown images and avatars point here, and only here. */
export const attachmentUrl = (id: string, size: 'original' | 'web' | 'thumb' = 'original') =>
  `/api/v1/attachments/${id}/content${size === 'original' ? '' : `?size=${size}`}`;
/** Matches attachmentUrl's output exactly (the renderer and avatars accept nothing else). */
export const ATTACHMENT_URL =
  /^\/api\/v1\/attachments\/([1-9][0-9]{0,17})\/content(?:\?size=(?:web|thumb))?$/;

export const AttachmentStatus = z.enum(['pending', 'ready', 'rejected']);

export const Attachment = z.object({
  id: Id,
  name: z.string(),
  /** Sniffed from the content, never taken from the name or the request. */
  contentType: z.string(),
  size: z.number().int(),
  isImage: z.boolean(),
  /** Pixels, once the image is processed; null for other files. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** pending: held until scanned (and, for images, processed); rejected: never served. */
  status: AttachmentStatus,
  url: z.string(),
  webUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  threadId: Id.nullable(),
  replyId: Id.nullable(),
  createdAt: Timestamp,
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * The multipart body of an upload, for the OpenAPI document: one field, `file`. The multipart parser leaves the
 * parsed body empty (the file is streamed by the service), so an empty body passes; a JSON body gets a 415 there.
 */
export const UploadBody = z.preprocess(
  (body) => body ?? {},
  z.strictObject({ file: z.string().describe('The file (binary)').meta({ format: 'binary' }).optional() }),
);

export const AttachmentParams = z.object({ id: Id });
export const ContentQuery = z.object({ size: z.enum(['original', 'web', 'thumb']).default('original') });

export const LinkPreview = z.object({
  id: Id,
  url: z.string(),
  title: z.string(),
  description: z.string(),
  siteName: z.string(),
  image: z
    .object({ url: z.string(), width: z.number().int().nullable(), height: z.number().int().nullable() })
    .nullable(),
  replyId: Id.nullable(),
});
export type LinkPreview = z.infer<typeof LinkPreview>;

/** A thread's files and link previews, its replies' included (each says which reply it belongs to). */
export const PostAttachments = z.object({ files: z.array(Attachment), previews: z.array(LinkPreview) });
export type PostAttachments = z.infer<typeof PostAttachments>;

const MiB = 1024 * 1024;
const MimeType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/, 'must be a media type such as image/png');

/** Limits a community manager or an admin sets for every upload. */
export const AttachmentLimits = z.object({
  maxFileBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * MiB),
  maxPostBytes: z
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * MiB),
  allowedTypes: z.array(MimeType).max(100),
});
export type AttachmentLimits = z.infer<typeof AttachmentLimits>;
export const UpdateAttachmentLimits = AttachmentLimits.partial().strict();

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: 25 * MiB,
  maxPostBytes: 100 * MiB,
  allowedTypes: [
    ...INLINE_IMAGE_TYPES,
    'application/pdf',
    'text/plain',
    'text/csv',
    'application/zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
};
