import { z } from 'zod';
import { Handle, Id, LIMITS, PageQuery, singleLine, Timestamp } from './common.js';
import { Locale } from './people.js';

const Name = singleLine(z.string().trim().min(1).max(LIMITS.nameLength));
const ShortText = singleLine(z.string().trim().max(LIMITS.nameLength));
const Secret = z.string().min(20).max(200);
const Password = z.string().min(12, 'must be at least 12 characters').max(200);

/** One invitation by an admin: the person is created now and activated when they accept. */
export const CreateInvitation = z.strictObject({
  email: z.email().max(254),
  name: Name,
  title: ShortText.default(''),
  department: ShortText.default(''),
  location: ShortText.default(''),
  locale: Locale.nullable().optional(),
  managerHandle: Handle.nullable().optional(),
});

/** A CSV in Workplace's bulk provisioning format (BOM, `;` or `,`, quoted fields), as text. */
export const InvitationCsv = z.strictObject({
  csv: z
    .string()
    .min(1)
    .max(LIMITS.requestBytes - 1024),
});

export const InvitationStatus = z.enum(['open', 'expired', 'accepted', 'revoked']);

export const Invitation = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  handle: z.string(),
  status: InvitationStatus,
  createdAt: Timestamp,
  sentAt: Timestamp,
  sendCount: z.number().int(),
  expiresAt: Timestamp,
  acceptedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});

export const InvitationsQuery = PageQuery.extend({ status: InvitationStatus.optional() });

export const CsvResult = z.object({ invited: z.number().int(), items: z.array(Invitation) });

/** What the invitation page shows before the person accepts. */
export const InvitationPreview = z.object({
  name: z.string(),
  email: z.string(),
  expiresAt: Timestamp,
  /** The single sign-on label when the organisation has one: the person may go on with it instead of a password. */
  sso: z.object({ label: z.string() }).nullable(),
});

export const InvitationToken = z.strictObject({ token: Secret });
export const AcceptInvitation = z.strictObject({ token: Secret, password: Password });

export const RequestSignInLink = z.strictObject({ email: z.email().max(254) });
export const SignInLinkRequested = z.object({ sent: z.literal(true) });
export const UseSignInLink = z.strictObject({ token: Secret });
