import MarkdownIt from 'markdown-it';
import { useMemo } from 'react';

// Same settings as the server's renderer; raw HTML is shown as text, so the preview cannot run anything.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

/** Loaded only when someone opens the preview tab. */
export default function MarkdownPreview({ source }: { source: string }) {
  const html = useMemo(() => markdown.render(source), [source]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html:false escapes every tag the author typed
  return <div className="prose preview" dangerouslySetInnerHTML={{ __html: html }} />;
}
