import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { COMMUNITY_KINDS, VISIBILITIES } from '../api/contract-values.js';
import { api } from '../api/endpoints.js';
import { ErrorMessage, fieldError } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { communityPath } from '../lib/paths.js';
import { usePageTitle } from '../lib/use-title.js';

export function NewCommunityPage() {
  const { t } = useTranslation();
  usePageTitle(t('newCommunity.title'));
  const client = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<(typeof VISIBILITIES)[number]>('open');
  const [kind, setKind] = useState<(typeof COMMUNITY_KINDS)[number]>('general');
  const [check, setCheck] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: () => api.groups.create({ name: name.trim(), description, visibility, kind }),
    onSuccess: (community) => {
      void client.invalidateQueries({ queryKey: ['groups'] });
      navigate(communityPath(community.slug));
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = name.trim() ? undefined : t('newCommunity.nameRequired');
    setCheck(problem);
    if (!problem) create.mutate();
  };
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('newCommunity.title')}</h1>
      <p className="muted lead">{t('newCommunity.intro')}</p>
      <form className="card form" onSubmit={submit} noValidate>
        <Field label={t('newCommunity.name')} error={check ?? fieldError(create.error, 'name')}>
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </Field>
        <Field
          label={t('newCommunity.description')}
          hint={t('newCommunity.descriptionHint')}
          error={fieldError(create.error, 'description')}
        >
          <textarea rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />
        </Field>
        <Field
          label={t('newCommunity.visibility')}
          hint={t(`visibilityHints.${visibility}`)}
          error={fieldError(create.error, 'visibility')}
        >
          <select
            value={visibility}
            onChange={(event) => setVisibility(event.target.value as typeof visibility)}
          >
            {VISIBILITIES.map((option) => (
              <option key={option} value={option}>
                {t(`visibility.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('newCommunity.kind')} hint={t(`communityKindHints.${kind}`)}>
          <select value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            {COMMUNITY_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`communityKinds.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <ErrorMessage error={create.error} />
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {t('newCommunity.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
