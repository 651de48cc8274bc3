/**
 * The generator's texts use a small part of Markdown (paragraphs, line breaks, `code`, @mentions, #tags), so at
 * ten million posts their HTML is built directly instead of through the full renderer; a test holds it to the
 * renderer's exact output.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const INLINE =
  /`([^`\n]+)`|(^|[^\p{L}\p{N}_@#./&-])([@#])([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?)|[&<>]/gu;

function inline(text: string): string {
  return text.replace(INLINE, (match, code, lead, sigil, raw) => {
    if (code !== undefined) return `<code>${code.replace(/[&<>]/g, (c: string) => ESCAPES[c]!)}</code>`;
    if (sigil === undefined) return ESCAPES[match]!;
    const name = (raw as string).replace(/[.-]+$/, '');
    const rest = (raw as string).slice(name.length);
    const link =
      sigil === '@'
        ? `<a href="/u/${encodeURIComponent(name.toLowerCase())}" class="mention">@${name}</a>`
        : `<a href="/tags/${encodeURIComponent(name.toLowerCase())}" class="hashtag">#${name}</a>`;
    return `${ESCAPES[lead as string] ?? lead}${link}${rest}`;
  });
}

export function fastHtml(markdown: string): string {
  let html = '';
  for (const paragraph of markdown.split(/\n{2,}/)) {
    if (paragraph.trim() === '') continue;
    html += `<p>${paragraph.split('\n').map(inline).join('<br />\n')}</p>\n`;
  }
  return html;
}
