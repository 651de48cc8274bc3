import type { SSO_REFUSALS } from '../../../contract/sso.js';

/** A refused single sign-on; its code goes to the sign-in page (contract/sso.ts), the detail to the log. */
export type RefusalCode = (typeof SSO_REFUSALS)[number];

export class SignInRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    detail: string,
  ) {
    super(detail);
  }
}
