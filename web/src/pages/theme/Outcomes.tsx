import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThemeDetail } from '../../../../contract/themes.js';
import { themeKeys, themesApi } from '../../api/themes.js';
import { Avatar } from '../../components/Avatar.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { MarkdownEditor } from '../../components/MarkdownEditor.js';
import { PersonLink } from '../../components/PersonLink.js';
import { RichText } from '../../components/RichText.js';
import { useFormat } from '../../i18n/format.js';

const MAX_BODY = 20_000;

/** "What we did with it": the outcome updates, newest first, and a form for the owner and leaders. */
export function Outcomes({ theme }: { theme: ThemeDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [writing, setWriting] = useState(false);
  const [body, setBody] = useState('');
  const [check, setCheck] = useState<string | undefined>();
  const post = useMutation({
    mutationFn: () => themesApi.postOutcome(theme.id, { body }),
    onSuccess: () => {
      setBody('');
      setWriting(false);
      void client.invalidateQueries({ queryKey: themeKeys.all });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !body.trim()
      ? t('themes.form.required')
      : body.length > MAX_BODY
        ? t('themes.form.tooLong', { max: MAX_BODY })
        : undefined;
    setCheck(problem);
    if (!problem) post.mutate();
  };

  return (
    <section className="theme-section" aria-labelledby="theme-outcomes-title">
      <div className="page-head">
        <h2 id="theme-outcomes-title">{t('themes.outcomes.title')}</h2>
        {theme.canPostOutcome && !writing && (
          <button type="button" className="button primary" onClick={() => setWriting(true)}>
            {t('themes.outcomes.post')}
          </button>
        )}
      </div>
      {writing && (
        <form className="card form" onSubmit={submit} noValidate>
          <Field
            label={t('themes.outcomes.body')}
            hint={t('themes.outcomes.bodyHint')}
            error={check ?? fieldError(post.error, 'body')}
          >
            <MarkdownEditor value={body} onChange={setBody} rows={6} autoFocus />
          </Field>
          <ErrorMessage error={post.error} />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setWriting(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button primary" disabled={post.isPending}>
              {t('themes.outcomes.submit')}
            </button>
          </div>
        </form>
      )}
      {theme.outcomes.length === 0 && <p className="muted">{t('themes.outcomes.empty')}</p>}
      {theme.outcomes.map((outcome) => (
        <article key={outcome.id} className="card outcome" aria-label={t('themes.outcomes.body')}>
          <header className="theme-meta">
            <Avatar person={outcome.author} size={32} />
            <span>
              <PersonLink person={outcome.author} />{' '}
              <time
                className="muted small"
                dateTime={outcome.createdAt}
                title={format.dateTime(outcome.createdAt)}
              >
                {format.relative(outcome.createdAt)}
              </time>
            </span>
          </header>
          <RichText html={outcome.bodyHtml} />
        </article>
      ))}
    </section>
  );
}
