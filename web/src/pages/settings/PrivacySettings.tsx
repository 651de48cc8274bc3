import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { exportsRefetch, privacyApi, privacyKeys } from '../../api/privacy.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { ExportList } from '../privacy/ExportList.js';

/** GDPR art. 15 and 20: the person asks for what Plein holds about them; a job prepares the archive. */
export function PrivacySettings() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const exports = useQuery({
    queryKey: privacyKeys.myExports,
    queryFn: privacyApi.myExports,
    refetchInterval: (query) => exportsRefetch(query.state.data?.items),
  });
  const ask = useMutation({
    mutationFn: privacyApi.requestMyExport,
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.myExports }),
  });
  const mine = exports.data?.items.filter((item) => item.kind === 'person') ?? [];
  return (
    <section className="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading" className="card-title">
        {t('privacy.mine.title')}
      </h2>
      <p className="muted small">{t('privacy.mine.explain')}</p>
      <ErrorMessage error={exports.error ?? ask.error} />
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          disabled={ask.isPending}
          onClick={() => ask.mutate()}
        >
          {t('privacy.mine.request')}
        </button>
      </div>
      {exports.data && <ExportList items={mine} />}
    </section>
  );
}
