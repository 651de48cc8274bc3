import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { Me } from '../../../contract/people.js';
import type { SiteInfo } from '../../../contract/site.js';
import { api } from './endpoints.js';
import { ApiError, setCsrfToken } from './http.js';
import { keys } from './query-client.js';

export type Session = { me: Me; csrfToken: string | null } | null;

/** Who is signed in (null: nobody); after a reload the CSRF token is asked for again. */
export async function loadSession(): Promise<Session> {
  try {
    const [me, session] = await Promise.all([api.me.get(), api.auth.session()]);
    setCsrfToken(session.csrfToken);
    return { me, csrfToken: session.csrfToken };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: loadSession, staleTime: 5 * 60_000, retry: 1 });
}

/** The signed-in person; only for pages behind RequireSignIn. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() outside a signed-in page');
  return data.me;
}

export function useSite() {
  return useQuery({
    queryKey: keys.site,
    queryFn: api.site,
    staleTime: Number.POSITIVE_INFINITY,
    // Before anyone signs in the page still needs a language; Dutch is the product's own default.
    placeholderData: { defaultLanguage: 'nl', demo: false, sso: null, passwordForm: true } satisfies SiteInfo,
  });
}

export function signedIn(client: QueryClient, result: { person: Me; csrfToken: string }): void {
  setCsrfToken(result.csrfToken);
  const session: Session = { me: result.person, csrfToken: result.csrfToken };
  client.setQueryData(keys.session, session);
}

/** Forgets everything the previous person could see. */
export function signedOut(client: QueryClient): void {
  setCsrfToken(null);
  // The session query itself stays (set to nobody), so pages watching it see the change instead of losing it.
  client.removeQueries({ predicate: (query) => !['site', 'session'].includes(String(query.queryKey[0])) });
  client.setQueryData<Session>(keys.session, null);
}
