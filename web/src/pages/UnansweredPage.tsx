import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/use-title.js';
import { Unanswered } from './community/Unanswered.js';

/** Every question still waiting for a first answer, oldest first, in communities the reader may read. */
export function UnansweredPage() {
  const { t } = useTranslation();
  usePageTitle(t('qa.unanswered.title'));
  return (
    <div className="column narrow">
      <div className="page-head">
        <h1 className="page-title">{t('qa.unanswered.title')}</h1>
      </div>
      <p className="muted">{t('qa.unanswered.intro')}</p>
      <Unanswered />
    </div>
  );
}
