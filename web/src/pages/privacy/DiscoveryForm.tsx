import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { privacyApi } from '../../api/privacy.js';
import { Field } from '../../components/Field.js';

const toIso = (day: string) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : '');

/** eDiscovery for compliance officers: a plain download link; the server checks the role, range and scope. */
export function DiscoveryForm() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [community, setCommunity] = useState('');
  const [person, setPerson] = useState('');
  const ready = from !== '' && to !== '';
  return (
    <section className="card form" aria-labelledby="discovery-heading">
      <h2 id="discovery-heading" className="card-title">
        {t('privacy.discovery.title')}
      </h2>
      <p className="muted small">{t('privacy.discovery.explain')}</p>
      <Field label={t('privacy.discovery.from')}>
        <input
          type="date"
          name="discovery-from"
          value={from}
          onChange={(event) => setFrom(event.target.value)}
        />
      </Field>
      <Field label={t('privacy.discovery.to')}>
        <input type="date" name="discovery-to" value={to} onChange={(event) => setTo(event.target.value)} />
      </Field>
      <Field label={t('privacy.discovery.community')}>
        <input
          name="discovery-community"
          value={community}
          onChange={(event) => setCommunity(event.target.value)}
        />
      </Field>
      <Field label={t('privacy.discovery.person')}>
        <input name="discovery-person" value={person} onChange={(event) => setPerson(event.target.value)} />
      </Field>
      <div className="actions">
        {ready && (
          <a
            className="button secondary"
            download="plein-ediscovery.json"
            href={privacyApi.discoveryUrl({
              from: toIso(from),
              to: toIso(to),
              community: community.trim() || undefined,
              person: person.trim() || undefined,
            })}
          >
            {t('privacy.discovery.download')}
          </a>
        )}
      </div>
    </section>
  );
}
