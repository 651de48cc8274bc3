import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommunityDetails } from '../../../../contract/communities.js';
import { COMMUNITY_KINDS } from '../../api/contract-values.js';
import { api } from '../../api/endpoints.js';
import { healthKeys } from '../../api/health.js';
import { keys } from '../../api/query-client.js';
import { useMe } from '../../api/session.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { visibilityChoices } from './visibility-choices.js';

export function CommunitySettingsForm({ community }: { community: CommunityDetails }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // The threshold is the admins' to set; otherwise it follows the kind (the server enforces both).
  const isAdmin = useMe().role === 'admin';
  const [name, setName] = useState(community.name);
  const [description, setDescription] = useState(community.description);
  const [visibility, setVisibility] = useState(community.visibility);
  const [kind, setKind] = useState(community.kind);
  const [threshold, setThreshold] = useState(String(community.viabilityThreshold));
  const [sponsor, setSponsor] = useState(community.sponsor?.handle ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.groups.update(community.slug, {
        name: name.trim(),
        description,
        visibility,
        kind,
        ...(isAdmin && threshold !== String(community.viabilityThreshold)
          ? { viabilityThreshold: Number(threshold) }
          : {}),
        ...(sponsor.trim() !== (community.sponsor?.handle ?? '')
          ? { sponsorHandle: sponsor.trim() || null }
          : {}),
      }),
    onSuccess: (updated) => {
      client.setQueryData(keys.group(community.slug), updated);
      void client.invalidateQueries({ queryKey: ['groups'] });
      void client.invalidateQueries({ queryKey: healthKeys.community(community.slug) });
      setSaved(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form className="card form" onSubmit={submit} noValidate>
      <h2 className="card-title">{t('manage.settings')}</h2>
      <Field label={t('newCommunity.name')} error={fieldError(save.error, 'name')}>
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label={t('newCommunity.description')} error={fieldError(save.error, 'description')}>
        <textarea rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
      <Field
        label={t('newCommunity.visibility')}
        hint={`${t(`visibilityHints.${visibility}`)}${community.canWidenVisibility ? '' : ` ${t('manage.widenOwnersOnly')}`}`}
        error={fieldError(save.error, 'visibility')}
      >
        <select
          value={visibility}
          onChange={(event) => setVisibility(event.target.value as typeof visibility)}
        >
          {visibilityChoices(community).map((option) => (
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
      {isAdmin ? (
        <Field
          label={t('manage.threshold')}
          hint={t('manage.thresholdHint')}
          error={fieldError(save.error, 'viabilityThreshold')}
        >
          <input
            type="number"
            min={1}
            value={threshold}
            onChange={(event) => setThreshold(event.target.value)}
          />
        </Field>
      ) : (
        <p className="muted small">
          {t('health.thresholdReadOnly', { threshold: community.viabilityThreshold })}
        </p>
      )}
      <Field
        label={t('manage.sponsor')}
        hint={t('manage.sponsorHint')}
        error={fieldError(save.error, 'sponsorHandle')}
      >
        <input value={sponsor} onChange={(event) => setSponsor(event.target.value)} autoComplete="off" />
      </Field>
      <ErrorMessage error={save.error} />
      {saved && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
