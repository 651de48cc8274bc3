import { z } from 'zod';
import { Locale } from './people.js';

/** What a browser needs to know before anyone signs in. */
export const SiteInfo = z.object({
  /** The organisation's language (PLEIN_LANGUAGE): used when neither the person nor the browser names one. */
  defaultLanguage: Locale,
  /** Demo mode: the sign-in page offers a "sign in as" picker of the demo organisation's people. */
  demo: z.boolean(),
});
export type SiteInfo = z.infer<typeof SiteInfo>;
