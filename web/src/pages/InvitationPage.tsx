import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { invitationApi, secretFromHash } from '../api/invitations.js';
import { signedIn, useSite } from '../api/session.js';
import { Logo } from '../app/Logo.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { usePageTitle } from '../lib/use-title.js';

/** Where an invitation mail's link lands: who it is for, then a password (or single sign-on) and in. */
export function InvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const token = secretFromHash(useLocation().hash);
  const client = useQueryClient();
  const navigate = useNavigate();
  const site = useSite();
  const [password, setPassword] = useState('');
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => invitationApi.preview(token),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => invitationApi.accept(token, password),
    onSuccess: (result) => {
      signedIn(client, result);
      navigate('/', { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  const sso = site.data?.sso;
  return (
    <main className="login" id="main">
      <div className="login-panel">
        <div className="login-intro">
          <Logo />
          <h1>{t('invitation.title')}</h1>
        </div>
        {(!token || preview.isError) && (
          <div className="error-message" role="alert">
            <strong>{t('invitation.invalid')}</strong> <Link to="/login">{t('invitation.toLogin')}</Link>
          </div>
        )}
        {preview.data && (
          <>
            <p>{t('invitation.welcome', { name: preview.data.name, email: preview.data.email })}</p>
            {sso && (
              <a className="button wide" href={sso.startUrl}>
                {t('login.signInWith', { name: sso.label })}
              </a>
            )}
            <form className="card login-form" onSubmit={submit}>
              <Field label={t('invitation.password')} hint={t('invitation.passwordHint')}>
                <input
                  type="password"
                  autoComplete="new-password"
                  minLength={12}
                  required
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                />
              </Field>
              <ErrorMessage error={accept.error} />
              <button type="submit" className="button primary wide" disabled={accept.isPending}>
                {t('invitation.accept')}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
}
