import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';
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
});
