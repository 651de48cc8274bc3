import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moderationApi, moderationKeys } from '../../api/moderation.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

const RULES_MAX = 20_000;

/** A community's rules in Markdown, for its owners and admins; shown before joining and in the composer. */
export function RulesEditor({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const rules = useQuery({ queryKey: moderationKeys.rules(slug), queryFn: () => moderationApi.rules(slug) });
  const [markdown, setMarkdown] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data && markdown === null) setMarkdown(rules.data.markdown);
  }, [rules.data, markdown]);
  const save = useMutation({
    mutationFn: () => moderationApi.updateRules(slug, markdown ?? ''),
    onSuccess: (saved) => client.setQueryData(moderationKeys.rules(slug), saved),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <section className="card form" aria-labelledby="rules-heading">
      <h2 id="rules-heading" className="card-title">
        {t('moderation.rulesEditor.title')}
      </h2>
      <p className="muted small">{t('moderation.rulesEditor.explain')}</p>
      <form onSubmit={submit}>
        <Field label={t('moderation.rulesEditor.label')} hint={t('moderation.rulesEditor.hint')}>
          <textarea
            rows={8}
            maxLength={RULES_MAX}
            value={markdown ?? ''}
            disabled={markdown === null}
            onChange={(event) => setMarkdown(event.target.value)}
          />
        </Field>
        <ErrorMessage error={rules.error ?? save.error} />
        {save.isSuccess && (
          <p role="status" className="muted small">
            {t('moderation.rulesEditor.saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={save.isPending || markdown === null}>
            {t('moderation.rulesEditor.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
