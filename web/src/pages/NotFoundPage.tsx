import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/use-title.js';

/** Also what a secret community looks like to someone outside it: it simply is not there. */
export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="column narrow">
      <div className="card not-found">
        <h1>{t('notFound.title')}</h1>
        <p className="muted">{t('notFound.text')}</p>
        <Link to="/" className="button primary">
          {t('notFound.home')}
        </Link>
      </div>
    </div>
  );
}
