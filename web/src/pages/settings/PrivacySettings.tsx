import { useTranslation } from 'react-i18next';
import { privacyApi } from '../../api/privacy.js';

/** GDPR art. 15 and 20: the person downloads what Plein holds about them (a plain link: the browser saves it). */
export function PrivacySettings() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading" className="card-title">
        {t('privacy.mine.title')}
      </h2>
      <p className="muted small">{t('privacy.mine.explain')}</p>
      <div className="actions">
        <a className="button secondary" href={privacyApi.myExportUrl} download="plein-my-data.json">
          {t('privacy.mine.download')}
        </a>
      </div>
    </section>
  );
}
