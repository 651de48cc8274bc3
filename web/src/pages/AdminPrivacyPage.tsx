import { useTranslation } from 'react-i18next';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { usePageTitle } from '../lib/use-title.js';
import { CommunityRetention } from './privacy/CommunityRetention.js';
import { DiscoveryForm } from './privacy/DiscoveryForm.js';
import { ErasureForm } from './privacy/ErasureForm.js';
import { LegalHolds } from './privacy/LegalHolds.js';
import { PersonExportForm } from './privacy/PersonExportForm.js';
import { RetentionForm } from './privacy/RetentionForm.js';

/** Admins: retention, legal holds, exports on someone's behalf, erasure and eDiscovery (docs/PRIVACY.md). */
export function AdminPrivacyPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('privacy.admin.title'));
  if (me.role !== 'admin') {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('privacy.admin.title')}>
          {t('privacy.admin.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('privacy.admin.title')}</h1>
      <RetentionForm />
      <CommunityRetention />
      <LegalHolds />
      <PersonExportForm />
      <ErasureForm />
      <DiscoveryForm />
    </div>
  );
}
