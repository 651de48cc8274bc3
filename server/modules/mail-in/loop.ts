import type { HeaderValue } from 'mailparser';

/**
 * Never loop, never amplify: mail written by a machine is dropped — RFC 3834's Auto-Submitted (other than "no"),
 * the X-Autoreply/X-Autorespond flags of older responders, bulk and list Precedence, and out-of-office subjects
 * in Dutch and English (responders that set none of the headers).
 */
const OUT_OF_OFFICE =
  /^(out of (the )?office|automatic reply|auto(matic)?[ -]?reply|autoreply|auto-response|away from|on vacation|afwezig|niet aanwezig|automatisch antwoord|buiten kantoor|met vakantie|afwezigheidsbericht)\b/i;

const MACHINE_SENDERS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i;

const text = (value: HeaderValue | undefined): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** Why this mail must not be answered or posted, or null when a person wrote it. */
export function automaticReason(
  headers: Map<string, HeaderValue>,
  subject: string,
  from: string,
): string | null {
  const submitted = text(headers.get('auto-submitted')).trim().toLowerCase();
  if (submitted && !submitted.startsWith('no')) return 'auto-submitted';
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'autoreply';
  if (/^(bulk|junk|list)$/i.test(text(headers.get('precedence')).trim())) return 'bulk';
  if (OUT_OF_OFFICE.test(subject.replace(/^(re|antw|aw|fw|fwd):\s*/i, '').trim())) return 'out-of-office';
  if (MACHINE_SENDERS.test(from)) return 'machine-sender';
  return null;
}
