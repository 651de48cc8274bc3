import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentLimits } from '../../../contract/attachments.js';
import { attachmentKeys, attachmentsApi } from '../api/attachments.js';
import { useMe } from '../api/session.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage, fieldError } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { Skeleton } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';

const MB = 1024 * 1024;
// Shown in MB with one decimal; the API takes bytes.
const toMb = (bytes: number) => String(Math.round((bytes / MB) * 10) / 10);
const toBytes = (mb: string) => Math.round(Number(mb.replace(',', '.')) * MB);

/** Community managers and admins: how large a file and a post's files may be, and which types may be shared. */
export function AdminFileLimitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('attachments.limits.title'));
  const allowed = me.role === 'admin' || me.role === 'community_manager';
  const limits = useQuery({
    queryKey: attachmentKeys.limits,
    queryFn: attachmentsApi.limits,
    enabled: allowed,
  });
  if (!allowed) {
    return (
      <div className="column narrow">
        <EmptyState icon="lock" title={t('attachments.limits.title')}>
          {t('attachments.limits.notAllowed')}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('attachments.limits.title')}</h1>
      <p className="muted">{t('attachments.limits.intro')}</p>
      {limits.isPending && <Skeleton lines={4} />}
      <ErrorMessage error={limits.error} />
      {limits.data && <LimitsForm key={JSON.stringify(limits.data)} stored={limits.data} />}
    </div>
  );
}

function LimitsForm({ stored }: { stored: AttachmentLimits }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState(toMb(stored.maxFileBytes));
  const [post, setPost] = useState(toMb(stored.maxPostBytes));
  const [types, setTypes] = useState(stored.allowedTypes.join('\n'));
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      attachmentsApi.updateLimits({
        maxFileBytes: toBytes(file),
        maxPostBytes: toBytes(post),
        allowedTypes: types
          .split(/[\s,]+/)
          .map((type) => type.trim())
          .filter(Boolean),
      }),
    onSuccess: (updated) => {
      client.setQueryData(attachmentKeys.limits, updated);
      setSaved(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const edit = (set: (value: string) => void) => (value: string) => {
    setSaved(false);
    set(value);
  };
  return (
    <form className="card form" onSubmit={submit} noValidate>
      <Field
        label={t('attachments.limits.perFile')}
        hint={t('attachments.limits.perFileHint')}
        error={fieldError(save.error, 'maxFileBytes')}
      >
        <input
          name="maxFileMb"
          type="number"
          inputMode="decimal"
          min={0.1}
          step={0.1}
          value={file}
          onChange={(event) => edit(setFile)(event.target.value)}
        />
      </Field>
      <Field
        label={t('attachments.limits.perPost')}
        hint={t('attachments.limits.perPostHint')}
        error={fieldError(save.error, 'maxPostBytes')}
      >
        <input
          name="maxPostMb"
          type="number"
          inputMode="decimal"
          min={0.1}
          step={0.1}
          value={post}
          onChange={(event) => edit(setPost)(event.target.value)}
        />
      </Field>
      <Field
        label={t('attachments.limits.types')}
        hint={t('attachments.limits.typesHint')}
        error={fieldError(save.error, 'allowedTypes')}
      >
        <textarea
          name="allowedTypes"
          rows={8}
          spellCheck={false}
          value={types}
          onChange={(event) => edit(setTypes)(event.target.value)}
        />
      </Field>
      <ErrorMessage error={save.error} />
      {saved && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('attachments.limits.save')}
        </button>
      </div>
    </form>
  );
}
