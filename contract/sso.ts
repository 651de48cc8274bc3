import { z } from 'zod';

/** A browser redirect: the Location header says where; there is no body. */
export const Redirect = z.null().describe('Found: the Location header says where to go next');

export const OidcStartQuery = z.object({
  next: z.string().max(2000).optional().describe('Where in Plein to land after signing in (a path)'),
});

/** The provider's answer on the redirect URI; providers add parameters of their own (session_state), kept. */
export const OidcCallbackQuery = z.looseObject({
  code: z.string().max(4000).optional(),
  state: z.string().max(1000).optional(),
  iss: z.string().max(1000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token, form-encoded. */
export const BackchannelLogout = z.object({ logout_token: z.string().min(1).max(16_000) });
export const BackchannelLogoutResult = z.object({ endedSessions: z.number().int() });
