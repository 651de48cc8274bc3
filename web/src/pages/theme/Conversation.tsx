import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThemeDetail } from '../../../../contract/themes.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { themeKeys, themesApi } from '../../api/themes.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { MarkdownEditor } from '../../components/MarkdownEditor.js';
import { ThreadFeed } from '../../components/ThreadFeed.js';

const KINDS = ['discussion', 'question', 'idea'] as const;

/** A small form to start a discussion, question or idea linked to the theme, in one of my communities or none. */
function StartConversation({ theme, onDone }: { theme: ThemeDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: keys.myGroups,
    queryFn: () => api.groups.list({ member: 'me', limit: 100 }),
  });
  const [kind, setKind] = useState<(typeof KINDS)[number]>('discussion');
  const [community, setCommunity] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const post = useMutation({
    mutationFn: () =>
      api.threads.create({
        communitySlug: community || null,
        kind,
        title: title.trim(),
        body,
        themeId: theme.id,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: themeKeys.all });
      void client.invalidateQueries({ queryKey: keys.feed });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('themes.form.required');
    if (!body.trim()) found.body = t('themes.form.required');
    setChecks(found);
    if (Object.keys(found).length === 0) post.mutate();
  };
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="start-conversation-title">
      <h3 id="start-conversation-title" className="card-title">
        {t('themes.conversation.start')}
      </h3>
      <Field label={t('themes.conversation.kind')}>
        <select value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
          {KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`themes.conversation.kinds.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('themes.conversation.where')} error={fieldError(post.error, 'communitySlug')}>
        <select value={community} onChange={(event) => setCommunity(event.target.value)}>
          <option value="">{t('themes.conversation.whereNone')}</option>
          {mine.data?.items.map((group) => (
            <option key={group.slug} value={group.slug}>
              {group.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('themes.conversation.topic')} error={checks.title ?? fieldError(post.error, 'title')}>
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </Field>
      <Field label={t('themes.conversation.body')} error={checks.body ?? fieldError(post.error, 'body')}>
        <MarkdownEditor value={body} onChange={setBody} rows={4} />
      </Field>
      <ErrorMessage error={post.error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={post.isPending}>
          {t('themes.conversation.submit')}
        </button>
      </div>
    </form>
  );
}

/** The theme's conversation: linked threads the reader may read, newest activity first. */
export function Conversation({ theme }: { theme: ThemeDetail }) {
  const { t } = useTranslation();
  const [starting, setStarting] = useState(false);
  return (
    <section className="theme-section" aria-labelledby="theme-conversation-title">
      <div className="page-head">
        <h2 id="theme-conversation-title">{t('themes.conversation.title')}</h2>
        {theme.state === 'open' && !starting && (
          <button type="button" className="button secondary" onClick={() => setStarting(true)}>
            {t('themes.conversation.start')}
          </button>
        )}
      </div>
      {theme.state === 'closed' && <p className="muted small">{t('themes.conversation.closed')}</p>}
      {starting && <StartConversation theme={theme} onDone={() => setStarting(false)} />}
      <ThreadFeed
        queryKey={themeKeys.threads(theme.id)}
        label={`theme-${theme.id}`}
        fetchPage={(cursor) => themesApi.threads(theme.id, { cursor })}
        empty={<EmptyState icon="groups" title={t('themes.conversation.empty')} />}
      />
    </section>
  );
}
