import type { z } from 'zod';
import type { LoginResult } from '../../../contract/auth.js';
import type { InvitationPreview } from '../../../contract/invitations.js';
import { request } from './http.js';

type Signed = z.output<typeof LoginResult>;

/** Invitation links and magic sign-in links: the secret travels in the body, never in a URL. */
export const invitationApi = {
  preview: (token: string) =>
    request<z.output<typeof InvitationPreview>>('POST', '/invitations/preview', { body: { token } }),
  accept: (token: string, password: string) =>
    request<Signed>('POST', '/invitations/accept', { body: { token, password } }),
  requestLink: (email: string) => request<{ sent: true }>('POST', '/auth/magic-link', { body: { email } }),
  signInWithLink: (token: string) => request<Signed>('POST', '/auth/magic-link/sign-in', { body: { token } }),
};

/** The secret a mailed link carries in its fragment (kept out of logs and Referer headers). */
export const secretFromHash = (hash: string) => hash.replace(/^#/, '');
