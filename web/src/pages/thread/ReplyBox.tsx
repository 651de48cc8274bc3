import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadKind } from '../../../../contract/threads.js';
import { LIMITS } from '../../api/contract-values.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';
import { MarkdownEditor } from '../../components/MarkdownEditor.js';

/** Write a reply (to the thread, or with parentId to a top-level reply); a failed send keeps the text. */
export function ReplyBox({
  threadId,
  kind,
  parentId = null,
  parentAuthor,
  onDone,
}: {
  threadId: string;
  kind?: ThreadKind;
  parentId?: string | null;
  parentAuthor?: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [body, setBody] = useState('');
  const [check, setCheck] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: () => api.threads.reply(threadId, { body: body.trim(), parentId }),
    onSuccess: async () => {
      setBody('');
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.replies(threadId) }),
        client.invalidateQueries({ queryKey: keys.thread(threadId) }),
      ]);
      onDone?.();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !body.trim()
      ? t('reply.bodyRequired')
      : body.length > LIMITS.bodyLength
        ? t('composer.tooLong', { max: LIMITS.bodyLength })
        : undefined;
    setCheck(problem);
    if (!problem) send.mutate();
  };
  const label = parentAuthor
    ? t('reply.toPerson', { name: parentAuthor })
    : kind === 'question'
      ? t('reply.answer')
      : t('reply.yourReply');
  return (
    <form className={parentId ? 'reply-box nested' : 'card reply-box'} onSubmit={submit} noValidate>
      <Field label={label} error={check ?? fieldError(send.error, 'body')}>
        <MarkdownEditor
          value={body}
          onChange={setBody}
          rows={parentId ? 3 : 4}
          autoFocus={Boolean(parentId)}
        />
      </Field>
      <ErrorMessage error={send.error} />
      <div className="actions">
        {onDone && (
          <button type="button" className="button secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
        <button type="submit" className="button primary" disabled={send.isPending}>
          {send.isPending ? t('reply.sending') : t('reply.send')}
        </button>
      </div>
    </form>
  );
}
