import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { invitationApi, secretFromHash } from '../api/invitations.js';
import { signedIn } from '../api/session.js';
import { Logo } from '../app/Logo.js';
import { usePageTitle } from '../lib/use-title.js';

/** Where a magic sign-in link lands: uses it once and goes home, or says it is spent. */
export function SignInLinkPage() {
  const { t } = useTranslation();
  usePageTitle(t('magicLink.title'));
  const token = secretFromHash(useLocation().hash);
  const client = useQueryClient();
  const navigate = useNavigate();
  const use = useMutation({
    mutationFn: () => invitationApi.signInWithLink(token),
    onSuccess: (result) => {
      signedIn(client, result);
      navigate('/', { replace: true });
    },
  });
  const { mutate } = use;
  // Once per page, even when an effect runs twice: a link works one time only.
  const tried = useRef(false);
  useEffect(() => {
    if (!token || tried.current) return;
    tried.current = true;
    mutate();
  }, [token, mutate]);
  return (
    <main className="login" id="main">
      <div className="login-panel">
        <div className="login-intro">
          <Logo />
          <h1>{t('magicLink.title')}</h1>
        </div>
        {!token || use.isError ? (
          <div className="error-message" role="alert">
            <strong>{t('magicLink.invalid')}</strong> <Link to="/login">{t('invitation.toLogin')}</Link>
          </div>
        ) : (
          <p className="muted">{t('magicLink.signingIn')}</p>
        )}
      </div>
    </main>
  );
}
