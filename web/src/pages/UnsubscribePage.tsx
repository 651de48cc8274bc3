import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/http.js';
import { mailApi, mailKeys } from '../api/mail.js';
import { Logo } from '../app/Logo.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';

/**
 * The List-Unsubscribe link's page (RFC 8058): opening it only says what it would turn off; the button sends the
 * same one-click POST a mail client would. No sign-in: the signed token in the address is the proof.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  usePageTitle(t('mail.unsubscribe.title'));
  const token = useParams().token ?? '';
  const preview = useQuery({
    queryKey: mailKeys.unsubscribe(token),
    queryFn: () => mailApi.previewUnsubscribe(token),
  });
  const unsubscribe = useMutation({ mutationFn: () => mailApi.unsubscribe(token) });
  const bad =
    (preview.error instanceof ApiError && [400, 404].includes(preview.error.status)) ||
    (unsubscribe.error instanceof ApiError && [400, 404].includes(unsubscribe.error.status));
  const scope = preview.data?.scope;
  const what =
    scope === 'digest' ? t('mail.unsubscribe.scope.digest') : scope ? t(`mail.kinds.${scope}`) : '';
  return (
    <main className="login" id="main">
      <div className="login-panel">
        <div className="login-intro">
          <Logo />
          <h1>{bad ? t('mail.unsubscribe.badTitle') : t('mail.unsubscribe.title')}</h1>
        </div>
        <section className="card stack">
          {preview.isPending && <Skeleton lines={2} />}
          {bad ? (
            <p role="alert">{t('mail.unsubscribe.badText')}</p>
          ) : (
            <ErrorMessage error={preview.error ?? unsubscribe.error} />
          )}
          {preview.data && !bad && (
            <>
              <p style={{ margin: 0 }}>{t('mail.unsubscribe.intro')}</p>
              <p style={{ margin: 0 }}>
                <strong>{what}</strong>
              </p>
              <p className="muted" style={{ margin: 0 }}>
                {scope === 'digest' ? t('mail.unsubscribe.digestEffect') : t('mail.unsubscribe.kindEffect')}
              </p>
              {unsubscribe.isSuccess ? (
                <p className="success" role="status">
                  {t('mail.unsubscribe.done')}
                </p>
              ) : preview.data.alreadyOff ? (
                <p className="muted" role="status">
                  {t('mail.unsubscribe.already')}
                </p>
              ) : (
                <div className="actions">
                  <button
                    type="button"
                    className="button primary"
                    disabled={unsubscribe.isPending}
                    onClick={() => unsubscribe.mutate()}
                  >
                    {t('mail.unsubscribe.confirm')}
                  </button>
                </div>
              )}
            </>
          )}
          <p className="muted small" style={{ margin: 0 }}>
            {t('mail.unsubscribe.settingsHint')}{' '}
            <Link to="/settings#mail">{t('mail.unsubscribe.toSettings')}</Link>
          </p>
        </section>
      </div>
    </main>
  );
}
