import { z } from 'zod';
import { Handle } from './common.js';
import { PersonSummary, Role } from './people.js';

/** Someone from the demo organisation, as the "sign in as" picker shows them: who they are and what they may do. */
export const DemoPerson = PersonSummary.extend({ role: Role });
export type DemoPerson = z.infer<typeof DemoPerson>;

export const DemoLogin = z.object({ handle: Handle }).strict();

export const DemoPeopleQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('a name to look for; without it, the people the demo features'),
});
