import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isNotFound } from '../api/http.js';
import { themeKeys, themesApi } from '../api/themes.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Skeleton } from '../components/Skeleton.js';
import { usePageTitle } from '../lib/use-title.js';
import { NotFoundPage } from './NotFoundPage.js';
import { Conversation } from './theme/Conversation.js';
import { Outcomes } from './theme/Outcomes.js';
import { Participants } from './theme/Participants.js';
import { ThemeFiguresCard } from './theme/ThemeFiguresCard.js';
import { ThemeHeader } from './theme/ThemeHeader.js';
import './theme/themes.css';

/** One strategic theme: the question, its figures, what was done with it, its conversation and participants. */
export function ThemePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const valid = /^[1-9][0-9]{0,17}$/.test(id);
  const theme = useQuery({ queryKey: themeKeys.theme(id), queryFn: () => themesApi.get(id), enabled: valid });
  usePageTitle(theme.data?.title ?? (theme.isError ? t('themes.page.notFound') : null));
  if (!valid || isNotFound(theme.error)) return <NotFoundPage />;
  if (theme.isError) {
    return (
      <div className="column">
        <ErrorMessage error={theme.error} />
      </div>
    );
  }
  if (theme.isPending) {
    return (
      <div className="column">
        <Skeleton lines={6} />
      </div>
    );
  }
  const data = theme.data;
  return (
    <div className="with-aside">
      <div className="column">
        <ThemeHeader theme={data} />
        <Outcomes theme={data} />
        <Conversation theme={data} />
      </div>
      <aside className="aside" aria-label={t('themes.figures.title')}>
        <ThemeFiguresCard figures={data.figures} />
        <Participants themeId={data.id} />
      </aside>
    </div>
  );
}
