import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThemeDetail } from '../../../../contract/themes.js';
import { themeKeys, themesApi } from '../../api/themes.js';
import { Avatar } from '../../components/Avatar.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { PersonLink } from '../../components/PersonLink.js';
import { useFormat } from '../../i18n/format.js';
import { ThemeBadges } from './ThemeBadges.js';
import { ThemeForm } from './ThemeForm.js';

/** Title, state, owner, dates, the question and why it matters; follow, edit, close or reopen. */
export function ThemeHeader({ theme }: { theme: ThemeDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: themeKeys.all });
  const follow = useMutation({
    mutationFn: (on: boolean) => themesApi.follow(theme.id, on),
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: (body: Parameters<typeof themesApi.update>[1]) => themesApi.update(theme.id, body),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });

  return (
    <header className="card theme-section">
      <div className="theme-meta">
        <h1 className="page-title">{theme.title}</h1>
        <ThemeBadges theme={theme} />
      </div>
      <div className="theme-meta small">
        <Avatar person={theme.owner} size={28} />
        <span>
          <span className="muted">{t('themes.page.owner')}:</span> <PersonLink person={theme.owner} />
        </span>
        <span className="muted">{t('themes.opened', { date: format.date(theme.createdAt) })}</span>
        {theme.state === 'open' && theme.endsAt && (
          <span className="muted">{t('themes.endsOn', { date: format.date(theme.endsAt) })}</span>
        )}
        {theme.closedAt && (
          <span className="muted">{t('themes.closedOn', { date: format.date(theme.closedAt) })}</span>
        )}
      </div>
      <h2 className="card-title">{t('themes.page.question')}</h2>
      <p className="theme-text lead">{theme.question}</p>
      {theme.why && (
        <>
          <h2 className="card-title">{t('themes.page.why')}</h2>
          <p className="theme-text">{theme.why}</p>
        </>
      )}
      <div className="actions inline">
        <button
          type="button"
          className="button secondary"
          aria-pressed={theme.followedByMe}
          title={t('themes.page.followHint')}
          disabled={follow.isPending}
          onClick={() => follow.mutate(!theme.followedByMe)}
        >
          {theme.followedByMe ? t('themes.page.following') : t('themes.page.follow')}
        </button>
        {theme.canEdit && (
          <>
            <button type="button" className="button secondary" onClick={() => setEditing(true)}>
              {t('themes.page.edit')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={update.isPending}
              onClick={() => update.mutate({ state: theme.state === 'open' ? 'closed' : 'open' })}
            >
              {theme.state === 'open' ? t('themes.page.close') : t('themes.page.reopen')}
            </button>
          </>
        )}
      </div>
      <ErrorMessage error={(editing ? null : update.error) ?? follow.error} />
      <Dialog open={editing} onClose={() => setEditing(false)} title={t('themes.form.editTitle')}>
        <ThemeForm
          initial={theme}
          canNameOwner={false}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onSubmit={({ ownerHandle: _ignored, ...values }) => update.mutate(values)}
          onCancel={() => setEditing(false)}
        />
      </Dialog>
    </header>
  );
}
