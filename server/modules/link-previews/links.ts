import { PREVIEWS_PER_POST } from './repository.js';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`\][)(]+/gi;

/** The first few distinct http(s) links in a body, trailing punctuation dropped; code spans included. */
export function linksToPreview(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(URL_IN_TEXT)) {
    const raw = match[0].replace(/[.,;:!?]+$/, '');
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    const text = url.toString();
    if (text.length > 2000 || found.includes(text)) continue;
    found.push(text);
    if (found.length === PREVIEWS_PER_POST) break;
  }
  return found;
}
