import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionAction, RetentionPolicy } from '../../../../contract/privacy.js';
import { privacyApi, privacyKeys, RETENTION_KINDS } from '../../api/privacy.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { Skeleton } from '../../components/Skeleton.js';

type Draft = Record<string, string>;
const draftOf = (policy: RetentionPolicy): Draft =>
  Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, policy.days[kind]?.toString() ?? '']));

export function RetentionForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: privacyKeys.retention, queryFn: privacyApi.retention });
  const preview = useQuery({ queryKey: privacyKeys.preview, queryFn: privacyApi.preview });
  const [draft, setDraft] = useState<Draft>({});
  const [erasedPosts, setErasedPosts] = useState<RetentionPolicy['erasedPosts']>('anonymise');
  const [contentAction, setContentAction] = useState<RetentionAction>('delete');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!policy.data) return;
    setDraft(draftOf(policy.data));
    setErasedPosts(policy.data.erasedPosts);
    setContentAction(policy.data.contentAction);
  }, [policy.data]);
  const save = useMutation({
    mutationFn: () =>
      privacyApi.updateRetention({
        // An empty field keeps that kind until removed by hand; the server says what is out of range.
        days: Object.fromEntries(
          RETENTION_KINDS.map((kind) => [kind, draft[kind] ? Number(draft[kind]) : null]),
        ) as RetentionPolicy['days'],
        contentAction,
        erasedPosts,
      }),
    onSuccess: (updated) => {
      client.setQueryData(privacyKeys.retention, updated);
      void client.invalidateQueries({ queryKey: privacyKeys.preview });
      setSaved(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  if (policy.isPending) return <Skeleton lines={4} />;
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="retention-heading">
      <h2 id="retention-heading" className="card-title">
        {t('privacy.retention.title')}
      </h2>
      <p className="muted small">{t('privacy.retention.explain')}</p>
      <ErrorMessage error={policy.error} />
      {RETENTION_KINDS.map((kind) => (
        <Field key={kind} label={t(`privacy.retention.kinds.${kind}`)} error={fieldError(save.error, kind)}>
          <input
            type="number"
            name={`retention-${kind}`}
            min={1}
            inputMode="numeric"
            value={draft[kind] ?? ''}
            onChange={(event) => setDraft({ ...draft, [kind]: event.target.value })}
          />
        </Field>
      ))}
      <ActionChoice name="content-action" value={contentAction} onChange={setContentAction} />
      <fieldset className="radio-group">
        <legend>{t('privacy.retention.erasedPosts')}</legend>
        {(['anonymise', 'remove'] as const).map((option) => (
          <label key={option} className="radio">
            <input
              type="radio"
              name="erased-posts"
              value={option}
              checked={erasedPosts === option}
              onChange={() => setErasedPosts(option)}
            />
            {t(`privacy.retention.erasedPostsOptions.${option}`)}
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={save.error} />
      {saved && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
      {preview.data && (
        <div className="muted small" data-testid="retention-preview">
          <p>{t('privacy.retention.preview')}</p>
          <ul>
            {RETENTION_KINDS.map((kind) => (
              <li key={kind}>
                {t('privacy.retention.previewLine', {
                  kind: t(`privacy.retention.kinds.${kind}`),
                  count: preview.data.counts[kind],
                })}
              </li>
            ))}
          </ul>
          {preview.data.content.length > 0 && (
            <>
              <p>{t('privacy.retention.previewContent')}</p>
              <ul>
                {preview.data.content.map((line) => (
                  <li key={`${line.scope}-${line.community?.slug ?? ''}-${line.action}`}>
                    {t(`privacy.retention.previewPlace.${line.scope}`, { name: line.community?.name ?? '' })}
                    {': '}
                    {t(`privacy.retention.previewAction.${line.action}`, {
                      threads: line.threads,
                      replies: line.replies,
                      files: line.files,
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.data.heldThreads > 0 && (
            <p>{t('privacy.retention.held', { count: preview.data.heldThreads })}</p>
          )}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('privacy.retention.save')}
        </button>
      </div>
    </form>
  );
}

/** Delete old threads or keep them under "former colleague" (docs/PRIVACY.md, "How long"). */
export function ActionChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: RetentionAction;
  onChange: (value: RetentionAction) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="radio-group">
      <legend>{t('privacy.retention.action')}</legend>
      {(['delete', 'anonymise'] as const).map((option) => (
        <label key={option} className="radio">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {t(`privacy.retention.actions.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

function fieldError(error: unknown, kind: string): string | undefined {
  const fields = (error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors ?? {};
  return fields[`days.${kind}`];
}
