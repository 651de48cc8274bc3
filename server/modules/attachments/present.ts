import { type Attachment, attachmentUrl } from '../../../contract/attachments.js';
import type { AttachmentRow } from './repository.js';

export function presentAttachment(row: AttachmentRow): Attachment {
  const variants = row.is_image && row.status === 'ready' && row.has_variants;
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size_bytes),
    isImage: row.is_image,
    width: row.width,
    height: row.height,
    status: row.status,
    url: attachmentUrl(row.id),
    webUrl: variants ? attachmentUrl(row.id, 'web') : null,
    thumbnailUrl: variants ? attachmentUrl(row.id, 'thumb') : null,
    threadId: row.thread_id,
    replyId: row.reply_id,
    createdAt: row.created_at.toISOString(),
  };
}
