import { type AddressObject, type HeaderValue, simpleParser } from 'mailparser';

/** Hostile-mail limits: deeper MIME than this is no person's reply; the size cap is PLEIN_MAIL_IN_MAX_BYTES. */
export const MAX_MIME_PARTS = 50;

export type ParsedMail = {
  from: string | null;
  subject: string;
  /** The plain-text part, or the HTML part turned into text (mailparser's html-to-text) when there is none. */
  text: string;
  headers: Map<string, HeaderValue>;
  /** The addresses in To, Cc and the relay's Delivered-To / X-Original-To, lower case. */
  recipients: string[];
};

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((object) => object.value)
    .flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : []));

const headerAddresses = (value: HeaderValue | undefined): string[] =>
  typeof value === 'string'
    ? (value.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []).map((a) => a.toLowerCase())
    : [];

// html-to-text writes an image as "[src]" and a link as "text [href]": trackers and script URLs, not words.
const withoutBracketedUrls = (text: string) =>
  text.replace(/ ?\[(?:https?|javascript|data|cid|mailto|vbscript):[^\]\s]*\]/gi, '');

/** Counts MIME parts before parsing, so a message nested a thousand deep is refused without building it. */
export function tooManyParts(raw: Buffer): boolean {
  const boundaries = raw.toString('latin1').match(/boundary\s*=/gi);
  return (boundaries?.length ?? 0) > MAX_MIME_PARTS;
}

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const mail = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextToHtml: true,
    maxHtmlLengthToParse: 1e6,
  });
  return {
    from: addressesOf(mail.from)[0] ?? null,
    subject: (mail.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: withoutBracketedUrls(mail.text ?? ''),
    headers: mail.headers,
    recipients: [
      ...addressesOf(mail.to),
      ...addressesOf(mail.cc),
      ...headerAddresses(mail.headers.get('delivered-to')),
      ...headerAddresses(mail.headers.get('x-original-to')),
    ],
  };
}
