import { useTranslation } from 'react-i18next';
import type { Attachment, LinkPreview, PostAttachments } from '../../../../contract/attachments.js';

/** Sizes as people read them: 980 kB, 4.2 MB. */
export function readableSize(bytes: number, locale: string): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
  if (bytes < 1000) return format(bytes, 'B');
  if (bytes < 1000 * 1000) return format(bytes / 1000, 'kB');
  return format(bytes / (1000 * 1000), 'MB');
}

/**
 * The files (not inline images) and link previews of one post — the thread's own, or one reply's — from the
 * thread's, which come with the thread page.
 */
export function PostFiles({ found, replyId }: { found: PostAttachments; replyId: string | null }) {
  const files = found.files.filter((file) => file.replyId === replyId && !file.isImage);
  const previews = found.previews.filter((preview) => preview.replyId === replyId);
  if (files.length === 0 && previews.length === 0) return null;
  return (
    <div className="post-files">
      {files.map((file) => (
        <FileCard key={file.id} file={file} />
      ))}
      {previews.map((preview) => (
        <LinkPreviewCard key={preview.id} preview={preview} />
      ))}
    </div>
  );
}

export function FileCard({ file }: { file: Attachment }) {
  const { t, i18n } = useTranslation();
  return (
    <a className="file-card" href={file.url} download={file.name}>
      <span className="file-card-name">{file.name}</span>
      <span className="muted small">
        {file.contentType} · {readableSize(file.size, i18n.language)}
        {file.status === 'pending' && ` · ${t('attachments.checking')}`}
      </span>
    </a>
  );
}

/** A link's title, description, site and picture, fetched by the server; the picture keeps its place while loading. */
export function LinkPreviewCard({ preview }: { preview: LinkPreview }) {
  return (
    <a className="link-preview" href={preview.url} target="_blank" rel="noopener noreferrer nofollow">
      {preview.image && (
        <img
          src={preview.image.url}
          alt=""
          loading="lazy"
          width={preview.image.width ?? undefined}
          height={preview.image.height ?? undefined}
        />
      )}
      <span className="link-preview-text">
        <span className="muted small">{preview.siteName}</span>
        <strong>{preview.title || preview.url}</strong>
        {preview.description && <span className="small">{preview.description}</span>}
      </span>
    </a>
  );
}
