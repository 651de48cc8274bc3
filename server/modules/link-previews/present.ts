import { attachmentUrl, type LinkPreview } from '../../../contract/attachments.js';
import type { PreviewRow } from './repository.js';

export function presentPreview(row: PreviewRow): LinkPreview {
  const image = row.image_attachment_id && row.image_ready ? row.image_attachment_id : null;
  return {
    id: row.id,
    url: row.url,
    title: row.title ?? '',
    description: row.description ?? '',
    siteName: row.site_name ?? '',
    image: image
      ? { url: attachmentUrl(image, 'web'), width: row.image_width, height: row.image_height }
      : null,
    replyId: row.reply_id,
  };
}
