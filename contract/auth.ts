import { z } from 'zod';
import { Id, singleLine, Timestamp } from './common.js';
import { Me } from './people.js';

export const Login = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) }).strict();
export const LoginResult = z.object({ person: Me, csrfToken: z.string() });
/** After signing out of a single sign-on session: the provider's address that signs the person out there too. */
export const LogoutResult = z.object({ endSessionUrl: z.url() });
/** The session in use: its CSRF token (null for a Bearer token, which needs none). */
export const SessionInfo = z.object({ csrfToken: z.string().nullable() });

export const CreateToken = z.object({ name: singleLine(z.string().trim().min(1).max(100)) }).strict();
export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
});
export const CreatedToken = ApiToken.extend({ token: z.string().describe('Shown once; store it now.') });
