import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportsRefetch, privacyApi, privacyKeys } from '../../api/privacy.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { ExportList } from './ExportList.js';

const toIso = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : '');

/** eDiscovery for compliance officers: a job prepares the archive; the server checks the role, range and scope. */
export function DiscoveryForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [community, setCommunity] = useState('');
  const [person, setPerson] = useState('');
  const exports = useQuery({
    queryKey: privacyKeys.myExports,
    queryFn: privacyApi.myExports,
    refetchInterval: (query) => exportsRefetch(query.state.data?.items),
  });
  const ask = useMutation({
    mutationFn: () =>
      privacyApi.requestDiscovery({
        from: toIso(from),
        to: toIso(to),
        community: community.trim() || undefined,
        person: person.trim() || undefined,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.myExports }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    ask.mutate();
  };
  const errors = (ask.error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors ?? {};
  const archives = exports.data?.items.filter((item) => item.kind === 'ediscovery') ?? [];
  return (
    <section className="card form" aria-labelledby="discovery-heading">
      <h2 id="discovery-heading" className="card-title">
        {t('privacy.discovery.title')}
      </h2>
      <p className="muted small">{t('privacy.discovery.explain')}</p>
      <form onSubmit={submit}>
        <Field label={t('privacy.discovery.from')} error={errors.from}>
          <input
            type="date"
            name="discovery-from"
            required
            value={from}
            onChange={(event) => setFrom(event.target.value)}
          />
        </Field>
        <Field label={t('privacy.discovery.to')} error={errors.to}>
          <input
            type="date"
            name="discovery-to"
            required
            value={to}
            onChange={(event) => setTo(event.target.value)}
          />
        </Field>
        <Field label={t('privacy.discovery.community')} error={errors.community}>
          <input
            name="discovery-community"
            value={community}
            onChange={(event) => setCommunity(event.target.value)}
          />
        </Field>
        <Field label={t('privacy.discovery.person')} error={errors.person}>
          <input name="discovery-person" value={person} onChange={(event) => setPerson(event.target.value)} />
        </Field>
        <ErrorMessage error={ask.error && !Object.keys(errors).length ? ask.error : null} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={ask.isPending}>
            {t('privacy.discovery.request')}
          </button>
        </div>
      </form>
      {archives.length > 0 && <ExportList items={archives} />}
    </section>
  );
}
