import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { DemoPerson } from '../../../contract/demo.js';
import { SSO_REFUSALS } from '../api/contract-values.js';
import { api } from '../api/endpoints.js';
import { signedIn, useSession, useSite } from '../api/session.js';
import { Logo } from '../app/Logo.js';
import { Avatar } from '../components/Avatar.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { useDebounced } from '../lib/use-debounced.js';
import { usePageTitle } from '../lib/use-title.js';
import { MagicLinkForm } from './login/MagicLinkForm.js';

/** Only paths inside Plein, so a crafted ?next= cannot send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.signIn'));
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const site = useSite();
  // Why single sign-on sent the person back here (a code from contract/sso.ts), said in their language.
  const refusal = SSO_REFUSALS.find((code) => code === params.get('error'));
  const sso = site.isPlaceholderData ? null : site.data?.sso;
  // ?password=1 shows the form even where SSO hides it: the configured admin's way in when the provider is down.
  const passwordForm = !sso || site.data?.passwordForm !== false || params.get('password') === '1';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const finish = (result: Parameters<typeof signedIn>[1]) => {
    signedIn(client, result);
    navigate(next, { replace: true });
  };
  const login = useMutation({
    mutationFn: () => api.auth.login({ email: email.trim(), password }),
    onSuccess: finish,
  });
  const demoLogin = useMutation({ mutationFn: api.demo.login, onSuccess: finish });

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  const wrong = login.error && 'status' in login.error && login.error.status === 401;
  return (
    <main className="login" id="main">
      <div className="login-panel">
        <div className="login-intro">
          <Logo />
          <h1>{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
        </div>
        {refusal && (
          <div className="error-message" role="alert">
            <strong>{t('login.ssoError.title')}</strong> {t(`login.ssoError.${refusal}`)}
          </div>
        )}
        {sso && (
          <a className="button primary wide" href={`${sso.startUrl}?next=${encodeURIComponent(next)}`}>
            {t('login.signInWith', { name: sso.label })}
          </a>
        )}
        {passwordForm && (
          <form
            className="card login-form"
            onSubmit={submit}
            aria-label={sso ? t('login.orPassword') : undefined}
          >
            <Field label={t('login.email')}>
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </Field>
            <Field label={t('login.password')}>
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Field>
            {wrong ? (
              <div className="error-message" role="alert">
                <strong>{t('login.wrong')}</strong>
              </div>
            ) : (
              <ErrorMessage error={login.error} />
            )}
            <button type="submit" className="button primary wide" disabled={login.isPending}>
              {login.isPending ? t('login.signingIn') : t('login.signIn')}
            </button>
          </form>
        )}
        {passwordForm && <MagicLinkForm />}
        {site.data?.demo && !site.isPlaceholderData && (
          <DemoPicker onPick={(handle) => demoLogin.mutate(handle)} error={demoLogin.error} />
        )}
      </div>
    </main>
  );
}

function roleLabels(t: (key: string) => string, person: DemoPerson): string[] {
  const labels: string[] = [];
  if (person.isLeader) labels.push(t('roles.leader'));
  if (person.role !== 'member') labels.push(t(`roles.${person.role}`));
  if (labels.length === 0) labels.push(t('roles.member'));
  return labels;
}

/** Demo mode only: try Plein as anyone in the demo company, no password needed. */
function DemoPicker({ onPick, error }: { onPick: (handle: string) => void; error: unknown }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const people = useQuery({
    queryKey: ['demo-people', search],
    queryFn: () => api.demo.people(search || undefined),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card demo-picker" aria-labelledby="demo-heading">
      <h2 id="demo-heading">{t('login.demoTitle')}</h2>
      <p className="muted small">{t('login.demoIntro')}</p>
      <ErrorMessage error={error ?? people.error} />
      {people.isSuccess && people.data.items.length === 0 && <p className="muted">{t('login.demoNobody')}</p>}
      <ul className="demo-people">
        {people.data?.items.map((person) => (
          <li key={person.id}>
            <button type="button" className="demo-person" onClick={() => onPick(person.handle)}>
              <Avatar person={person} size={36} />
              <span className="demo-person-text">
                <strong>{t('login.signInAs', { name: person.name })}</strong>
                <span className="muted small">
                  {person.title}
                  {person.department && ` · ${person.department}`}
                </span>
                <span className="badges">
                  {roleLabels(t, person).map((label) => (
                    <span key={label} className="badge role">
                      {label}
                    </span>
                  ))}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="demo-search">
        <Field label={t('login.demoSearch')}>
          <input type="search" value={q} onChange={(event) => setQ(event.target.value)} autoComplete="off" />
        </Field>
      </div>
    </section>
  );
}
