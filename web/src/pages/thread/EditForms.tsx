import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reply, ThreadDetail, ThreadView } from '../../../../contract/threads.js';
import { LIMITS, UNTITLED_KINDS } from '../../api/contract-values.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { MarkdownEditor } from '../../components/MarkdownEditor.js';

export function EditThreadForm({ thread, onDone }: { thread: ThreadDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState(thread.title);
  const [body, setBody] = useState(thread.bodyMarkdown);
  const titled = !UNTITLED_KINDS.includes(thread.kind);
  const save = useMutation({
    mutationFn: () => api.threads.update(thread.id, { title: title.trim(), body }),
    onSuccess: (updated) => {
      // The page shows the edit at once; its files (the body may link others now) come with the next read.
      client.setQueryData<ThreadView>(keys.thread(thread.id), (page) => page && { ...page, ...updated });
      void client.invalidateQueries({ queryKey: keys.thread(thread.id) });
      void client.invalidateQueries({ queryKey: keys.feed });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="edit-form" onSubmit={submit} noValidate>
      <Field
        label={titled ? t('composer.title') : t('composer.titleOptional')}
        error={fieldError(save.error, 'title')}
      >
        <input
          value={title}
          maxLength={LIMITS.titleLength}
          onChange={(event) => setTitle(event.target.value)}
        />
      </Field>
      <Field label={t('composer.body')} error={fieldError(save.error, 'body')}>
        <MarkdownEditor value={body} onChange={setBody} rows={8} />
      </Field>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

export function EditReplyForm({ reply, onDone }: { reply: Reply; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [body, setBody] = useState(reply.bodyMarkdown);
  const save = useMutation({
    mutationFn: () => api.replies.update(reply.id, body),
    onSuccess: async () => {
      // The first page of replies comes with the thread; later ones on their own.
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.thread(reply.threadId) }),
        client.invalidateQueries({ queryKey: keys.replies(reply.threadId) }),
      ]);
      onDone();
    },
  });
  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <Field label={t('reply.edit')} error={fieldError(save.error, 'body')}>
        <MarkdownEditor value={body} onChange={setBody} rows={4} />
      </Field>
      <ErrorMessage error={save.error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
