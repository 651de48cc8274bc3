import { z } from 'zod';
import { Locale } from './people.js';

/** What a browser needs to know before anyone signs in. */
export const SiteInfo = z.object({
  /** The organisation's language (PLEIN_LANGUAGE): used when neither the person nor the browser names one. */
  defaultLanguage: Locale,
  /** Demo mode: the sign-in page offers a "sign in as" picker of the demo organisation's people. */
  demo: z.boolean(),
  /** Single sign-on, when configured: the button's "Sign in with <label>" and where it starts. */
  sso: z.object({ label: z.string(), startUrl: z.string() }).nullable(),
  /** Whether the sign-in page shows the email and password form (PLEIN_OIDC_HIDE_PASSWORD_FORM hides it). */
  passwordForm: z.boolean(),
});
export type SiteInfo = z.infer<typeof SiteInfo>;
