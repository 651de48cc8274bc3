import { type MouseEvent, useLayoutEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { Attachment } from '../../../contract/attachments.js';
import { ATTACHMENT_URL } from '../api/contract-values.js';

/**
 * HTML the server rendered from Markdown and sanitised once, at write time. Its own links (@mentions,
 * #hashtags, /t/…) stay inside the app instead of reloading the page. Pictures among the post's `files` get their
 * stored dimensions before the first paint, so the page keeps its place while they load.
 */
export function RichText({
  html,
  className = '',
  files = [],
}: {
  html: string;
  className?: string;
  files?: Attachment[];
}) {
  const navigate = useNavigate();
  const body = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: new HTML means new pictures to size
  useLayoutEffect(() => {
    const sized = new Map(files.filter((file) => file.width && file.height).map((file) => [file.id, file]));
    for (const image of body.current?.querySelectorAll('img') ?? []) {
      const file = sized.get(ATTACHMENT_URL.exec(image.getAttribute('src') ?? '')?.[1] ?? '');
      if (!file) continue;
      // The width and height say the picture's shape; the stylesheet scales it to the column.
      image.width = file.width!;
      image.height = file.height!;
    }
  }, [html, files]);
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as HTMLElement).closest('a');
    const href = link?.getAttribute('href');
    // Files (/api/v1/attachments/…) are the browser's to open or download, not pages of the app.
    if (!href?.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: links inside keep their own keyboard behaviour; this only routes them
    // biome-ignore lint/a11y/noStaticElementInteractions: the click handler only intercepts clicks on the links inside
    <div
      ref={body}
      className={`prose ${className}`}
      onClick={onClick}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised this HTML with an allow-list when it was written
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
