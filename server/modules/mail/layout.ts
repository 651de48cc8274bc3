import { escapeHtml } from './safe-html.js';
import { type Locale, say } from './texts.js';

export type MailParts = {
  locale: Locale;
  /** Who did what, where: one line above the content. */
  lead: string;
  /** Sanitised HTML and its plain text; empty when the notice has no content of its own. */
  contentHtml: string;
  contentText: string;
  link: string;
  settingsUrl: string;
  unsubscribeUrl: string;
  /** Whether replying to the mail answers in Plein (a reply+ address is set). */
  replyable: boolean;
};

/** The HTML and plain-text parts of one mail; inline styles only, no images, no script. */
export function layout(parts: MailParts): { html: string; text: string } {
  const { locale } = parts;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;line-height:1.5;margin:0;padding:16px">
<p style="margin:0 0 12px;color:#57606a">${escapeHtml(parts.lead)}</p>
${parts.contentHtml ? `<div style="border-left:3px solid #d0d7de;padding:0 12px;margin:0 0 16px">${parts.contentHtml}</div>` : ''}
<p><a href="${escapeHtml(parts.link)}" style="color:#0969da">${escapeHtml(say(locale, 'open'))}</a></p>
${parts.replyable ? `<p style="color:#57606a">${escapeHtml(say(locale, 'replyHint'))}</p>` : ''}
<hr style="border:0;border-top:1px solid #d0d7de">
<p style="font-size:12px;color:#57606a">${escapeHtml(say(locale, 'why'))}
<a href="${escapeHtml(parts.settingsUrl)}" style="color:#57606a">${escapeHtml(say(locale, 'settings'))}</a> ·
<a href="${escapeHtml(parts.unsubscribeUrl)}" style="color:#57606a">${escapeHtml(say(locale, 'unsubscribe'))}</a></p>
</body></html>`;
  const text = [
    parts.lead,
    '',
    ...(parts.contentText ? [parts.contentText, ''] : []),
    `${say(locale, 'open')}: ${parts.link}`,
    ...(parts.replyable ? ['', say(locale, 'replyHint')] : []),
    '',
    '-- ',
    say(locale, 'why'),
    `${say(locale, 'settings')}: ${parts.settingsUrl}`,
    `${say(locale, 'unsubscribe')}: ${parts.unsubscribeUrl}`,
  ].join('\n');
  return { html, text };
}
