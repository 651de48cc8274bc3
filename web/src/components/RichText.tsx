import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';

/**
 * HTML the server rendered from Markdown and sanitised once, at write time. Its own links (@mentions,
 * #hashtags, /t/…) stay inside the app instead of reloading the page.
 */
export function RichText({ html, className = '' }: { html: string; className?: string }) {
  const navigate = useNavigate();
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
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised this HTML with an allow-list when it was written
    <div className={`prose ${className}`} onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
