import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contract/people.js';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { type Session, useMe } from '../api/session.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { applyTheme, savedTheme, type Theme } from '../lib/theme.js';
import { usePageTitle } from '../lib/use-title.js';
import { MailSettings } from './settings/MailSettings.js';
import { PrivacySettings } from './settings/PrivacySettings.js';
import { ProfileForm } from './settings/ProfileForm.js';
import { ProfilePhoto } from './settings/ProfilePhoto.js';
import { RoutingSetting } from './settings/RoutingSetting.js';
import { ScimTokens } from './settings/ScimTokens.js';

export function SettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.title'));
  const me = useMe();
  return (
    <div className="column narrow">
      <h1 className="page-title">{t('settings.title')}</h1>
      <LanguageSetting me={me} />
      <ThemeSetting />
      <ProfilePhoto me={me} />
      <ProfileForm me={me} />
      <RoutingSetting />
      {me.role === 'admin' && <ScimTokens />}
      <MailSettings />
      <PrivacySettings />
    </div>
  );
}

/** Stored on the person, so it follows them to every device; "automatic" uses the browser's language. */
function LanguageSetting({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Me['locale']) => api.me.update({ locale }),
    onSuccess: (updated) =>
      client.setQueryData<Session>(keys.session, (session) =>
        session ? { ...session, me: updated } : session,
      ),
  });
  // The choice shows at once, in the same render as the click: a controlled radio that waited for the request's
  // pending state would spring back first (and a quick second click would find it unchanged).
  const [chosen, setChosen] = useState<string | null>(null);
  const value = chosen ?? me.locale ?? '';
  return (
    <section className="card">
      <fieldset className="radio-group">
        <legend className="card-title">{t('settings.language')}</legend>
        {[
          ['', t('settings.languageAuto')],
          ['nl', 'Nederlands'],
          ['en', 'English'],
        ].map(([code, label]) => (
          <label key={code} className="radio">
            <input
              type="radio"
              name="language"
              value={code}
              checked={value === code}
              onChange={() => {
                const picked = code ?? '';
                setChosen(picked);
                // A later click's choice stays until its own request settles.
                save.mutate((picked || null) as Me['locale'], {
                  onSettled: () => setChosen((current) => (current === picked ? null : current)),
                });
              }}
            />
            <span lang={code || undefined}>{label}</span>
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={save.error} />
    </section>
  );
}

/** Kept on this device: a dark room at home and a bright office are different places. */
function ThemeSetting() {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(savedTheme);
  return (
    <section className="card">
      <fieldset className="radio-group">
        <legend className="card-title">{t('settings.theme')}</legend>
        {(['system', 'light', 'dark'] as const).map((option) => (
          <label key={option} className="radio">
            <input
              type="radio"
              name="theme"
              value={option}
              checked={theme === option}
              onChange={() => {
                applyTheme(option);
                setTheme(option);
              }}
            />
            {t(`settings.themes.${option}`)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
