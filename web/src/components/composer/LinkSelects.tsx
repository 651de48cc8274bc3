import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ideaKeys, ideasApi } from '../../api/ideas.js';
import { Field } from '../Field.js';

const nothing = { items: [] };

/**
 * Optional links to an open strategic theme and an active business goal. Each select appears only once its list
 * has loaded and has something in it: with no themes (or no themes feature) the composer stays as it was.
 */
export function LinkSelects({
  themeId,
  goalId,
  onChange,
  error,
}: {
  themeId: string;
  goalId: string;
  onChange: (patch: { themeId?: string; goalId?: string }) => void;
  error: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const links = useQuery({
    queryKey: ideaKeys.composerLinks,
    // A missing route or a failed list just hides its select.
    queryFn: async () => {
      const [themes, goals] = await Promise.all([
        ideasApi.openThemes().catch(() => nothing),
        ideasApi.goals().catch(() => nothing),
      ]);
      return { themes: themes.items, goals: goals.items.filter((goal) => !goal.archived) };
    },
    staleTime: 60_000,
  });
  const themes = links.data?.themes ?? [];
  const goals = links.data?.goals ?? [];
  if (themes.length === 0 && goals.length === 0) return null;
  return (
    <div className="composer-links">
      {themes.length > 0 && (
        <Field
          label={t('ideas.composer.theme')}
          hint={t('ideas.composer.themeHint')}
          error={error('themeId')}
        >
          <select value={themeId} onChange={(event) => onChange({ themeId: event.target.value })}>
            <option value="">{t('ideas.composer.noTheme')}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.title}
              </option>
            ))}
          </select>
        </Field>
      )}
      {goals.length > 0 && (
        <Field label={t('ideas.composer.goal')} hint={t('ideas.composer.goalHint')} error={error('goalId')}>
          <select value={goalId} onChange={(event) => onChange({ goalId: event.target.value })}>
            <option value="">{t('ideas.composer.noGoal')}</option>
            {goals.map((goal) => (
              <option key={goal.id} value={goal.id}>
                {goal.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}
