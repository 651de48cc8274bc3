import { z } from 'zod';
import { Handle, Id, PageQuery, Timestamp } from './common.js';
import { PersonSummary } from './people.js';

export const AuditEntry = z.object({
  id: Id,
  actor: PersonSummary.nullable().describe('null for start-up and provisioning'),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  createdAt: Timestamp,
});

export const AuditQuery = PageQuery.extend({
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(40).optional(),
  actor: Handle.optional().describe("only this person's actions (their handle)"),
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_.]+$/, 'may hold a–z, dots and underscores')
    .optional()
    .describe('an action (person.update), or all under a prefix ending in a dot (moderation.)'),
  from: z.iso.datetime({ offset: true }).optional().describe('at or after this time'),
  to: z.iso.datetime({ offset: true }).optional().describe('before this time'),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
