/**
 * The new words of a reply by mail: everything from the first quote header, forwarded-message block or signature on
 * is the old conversation or boilerplate, and `>` lines are quotes. Rules for the clients people use, in Dutch and
 * English (fixtures in strip.test.ts).
 */

// "On Sat, 5 Dec 2026 at 10:00, Jan <jan@x.nl> wrote:" (Gmail, Apple Mail, Thunderbird, mobile clients) and the
// Dutch "Op 5 dec. 2026 om 10:00 schreef Jan:" or Apple's "… heeft Jan het volgende geschreven:".
const QUOTE_HEADERS = [
  /^on\b.{4,300}\bwrote:$/i,
  /^op\b.{4,300}\b(schreef|geschreven)\b.{0,100}:$/i,
  /^-{2,}\s*(original message|oorspronkelijk bericht|forwarded message|doorgestuurd bericht)\s*-{2,}$/i,
  /^_{10,}$/,
];

// Outlook's block: "From: …" then, within a few lines, "Sent: …" ("Van: … Verzonden: …", or Date/Datum on mobile).
const OUTLOOK_FROM = /^\**(from|van):\**\s/i;
const OUTLOOK_NEXT = /^\**(sent|verzonden|date|datum|to|aan):\**\s/i;

const SIGNATURES = [
  /^-- ?$/,
  /^(sent|verzonden|verstuurd) (from|vanaf|van|met|via) (my|mijn) .{1,40}$/i,
  /^(sent|verzonden|verstuurd) (from|vanaf|met|via) (outlook|mail|gmail|yahoo)\b.{0,40}$/i,
  /^(get|download) outlook (for|voor) (ios|android)$/i,
  /^outlook voor (ios|android) downloaden$/i,
];

/** The reply without quoted history and signature; empty when nothing new was written. */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // Clients wrap a long quote header over two lines ("…, Jan <\njan@x.nl> wrote:").
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`.trim();
    if (QUOTE_HEADERS.some((rule) => rule.test(line) || rule.test(joined))) break;
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => OUTLOOK_NEXT.test(next.trim()))) {
      break;
    }
    if (SIGNATURES.some((rule) => rule.test(line))) break;
    if (line.startsWith('>')) continue;
    kept.push(lines[i]!.replace(/\s+$/, ''));
  }
  return kept.join('\n').trim();
}
