import { z } from 'zod';

/** What became of a message a provider's webhook handed in (docs/EMAIL.md, inbound). */
export const InboundResult = z.object({
  outcome: z.enum(['reply', 'thread', 'bounce', 'answered', 'dropped']),
  /** Why it was dropped: auto-submitted, bulk, out-of-office, not-the-recipient, bad-token … */
  reason: z.string().nullable(),
});
export type InboundResult = z.infer<typeof InboundResult>;

/** A community's address for email-in, or null when it is not open to mail. */
export const MailInAddress = z.object({ address: z.string().nullable() });
