import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../contract/people.js';
import { attachmentsApi } from '../../api/attachments.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import type { Session } from '../../api/session.js';
import { Avatar } from '../../components/Avatar.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An uploaded photo becomes the avatar (its thumbnail) once the server has stripped and sized it. */
async function uploadPhoto(file: File) {
  let photo = await attachmentsApi.upload(file);
  for (let attempt = 0; photo.status === 'pending' && attempt < 60; attempt++) {
    await wait(500);
    photo = await attachmentsApi.get(photo.id);
  }
  return api.me.update({ avatarUrl: photo.thumbnailUrl ?? photo.url });
}

export function ProfilePhoto({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const inputId = useId();
  const save = useMutation({
    mutationFn: (change: File | null) => (change ? uploadPhoto(change) : api.me.update({ avatarUrl: null })),
    onSuccess: (updated) =>
      client.setQueryData<Session>(keys.session, (session) =>
        session ? { ...session, me: updated } : session,
      ),
  });
  return (
    <section className="card">
      <h2 className="card-title">{t('attachments.photo')}</h2>
      <div className="editor-files">
        <Avatar person={me} size={64} />
        <label htmlFor={inputId}>{save.isPending ? t('common.loading') : t('attachments.choosePhoto')}</label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept="image/jpeg,image/png,image/gif,image/webp"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) save.mutate(file);
            event.target.value = '';
          }}
        />
        {me.avatarUrl && (
          <button type="button" className="link-button small" onClick={() => save.mutate(null)}>
            {t('attachments.removePhoto')}
          </button>
        )}
      </div>
      {save.error && <ErrorMessage error={save.error} />}
    </section>
  );
}
