import type sanitizeHtml from 'sanitize-html';
import { ATTACHMENT_URL } from '../../../contract/attachments.js';

/**
 * Images in a post may only be Plein's own uploads (authorised like the post): an image from another host would
 * tell that host who reads what. Any other image is left as its alt text.
 */
export const ownImages = {
  allowedTags: ['img'],
  allowedAttributes: { img: ['src', 'alt', 'loading'] },
  transformImg: (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag =>
    ATTACHMENT_URL.test(attribs.src ?? '')
      ? { tagName, attribs: { src: attribs.src!, alt: attribs.alt ?? '', loading: 'lazy' } }
      : { tagName: 'span', attribs: {}, text: attribs.alt ?? '' },
};
