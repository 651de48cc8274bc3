import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportsRefetch, privacyApi, privacyKeys } from '../../api/privacy.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { ExportList } from './ExportList.js';

/** An admin asks for a person's export on their behalf: it is prepared for the person, who downloads it. */
export function PersonExportForm() {
  const { t } = useTranslation();
  const [handle, setHandle] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const ask = useMutation({
    mutationFn: (who: string) => privacyApi.requestPersonExport(who),
    onSuccess: (_, who) => setAsked(who),
  });
  const status = useQuery({
    queryKey: privacyKeys.personExports(asked ?? ''),
    queryFn: () => privacyApi.personExports(asked!),
    enabled: asked !== null,
    refetchInterval: (query) => exportsRefetch(query.state.data?.items),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (handle.trim()) ask.mutate(handle.trim());
  };
  return (
    <section className="card form" aria-labelledby="person-export-heading">
      <h2 id="person-export-heading" className="card-title">
        {t('privacy.onBehalf.title')}
      </h2>
      <p className="muted small">{t('privacy.onBehalf.explain')}</p>
      <form onSubmit={submit} className="row wrap">
        <Field label={t('privacy.onBehalf.handle')}>
          <input
            name="export-handle"
            required
            value={handle}
            onChange={(event) => setHandle(event.target.value)}
          />
        </Field>
        <div className="actions">
          <button type="submit" className="button secondary" disabled={ask.isPending}>
            {t('privacy.onBehalf.request')}
          </button>
        </div>
      </form>
      <ErrorMessage error={ask.error ?? status.error} />
      {status.data && <ExportList items={status.data.items} />}
    </section>
  );
}
