import { z } from 'zod';
import { Id, singleLine, Timestamp } from './common.js';

/** A SCIM token as an admin sees it: never its secret, which is shown once, at creation. */
export const ScimToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  createdBy: z.object({ handle: z.string(), name: z.string() }).nullable(),
  lastUsedAt: Timestamp.nullable(),
});
export const CreateScimToken = z.strictObject({ name: singleLine(z.string().trim().min(1).max(100)) });
export const CreatedScimToken = ScimToken.extend({
  token: z.string().describe('Shown once: paste it into the identity provider now.'),
});

/** A SCIM resource or message (RFC 7643/7644): attribute names are read without regard to case. */
export const ScimDocument = z
  .record(z.string(), z.unknown())
  .describe('A SCIM 2.0 resource (RFC 7643), sent as application/scim+json or application/json');
export const ScimListQuery = z.object({
  filter: z.string().max(2000).optional().describe('RFC 7644 §3.4.2.2, e.g. userName eq "jan@example.com"'),
  startIndex: z.string().max(12).optional(),
  count: z.string().max(12).optional(),
  attributes: z.string().max(2000).optional(),
  excludedAttributes: z.string().max(2000).optional(),
});
export const ScimResourceQuery = ScimListQuery.pick({ attributes: true, excludedAttributes: true });
export const ScimError = z.object({
  schemas: z.array(z.string()),
  status: z.string(),
  scimType: z.string().optional(),
  detail: z.string(),
});
/** The SCIM errors a route can give, for its OpenAPI description. */
export const scimErrors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, ScimError]));
