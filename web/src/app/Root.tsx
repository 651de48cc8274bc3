import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Outlet, useLocation, useNavigationType } from 'react-router';
import { api } from '../api/endpoints.js';
import { onSignedOut, setCsrfRefresher } from '../api/http.js';
import { keys } from '../api/query-client.js';
import { signedOut, useSession, useSite } from '../api/session.js';
import { applyLanguage, chooseLanguage } from '../i18n/i18n.js';

/** Around every page: keeps the language in step with the person and the session in step with the server. */
export function Root() {
  const client = useQueryClient();
  const session = useSession();
  const site = useSite();
  const personal = session.data?.me.locale ?? null;
  const organisation = site.data?.defaultLanguage ?? 'nl';

  useEffect(() => {
    applyLanguage(chooseLanguage(personal, organisation));
  }, [personal, organisation]);

  useEffect(() => {
    setCsrfRefresher(async () => (await api.auth.session()).csrfToken);
    // A 401 while someone was signed in: their session ended (expired, signed out elsewhere).
    return onSignedOut(() => {
      if (client.getQueryData(keys.session)) signedOut(client);
    });
  }, [client]);

  // A new page starts at the top; back and forward keep where the browser was.
  const { pathname } = useLocation();
  const navigation = useNavigationType();
  // A new page starts at the top, and keyboard and screen-reader users start at its content, not the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of pathname is exactly what triggers it
  useEffect(() => {
    if (navigation !== 'PUSH') return;
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname, navigation]);

  return <Outlet />;
}
