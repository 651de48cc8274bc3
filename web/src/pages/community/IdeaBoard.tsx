import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { IdeaStatus } from '../../../../contract/threads.js';
import { IDEA_STATUSES, ideaKeys, ideasApi } from '../../api/ideas.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ThreadFeed } from '../../components/ThreadFeed.js';

type View = 'threads' | 'ideas' | 'unanswered';

/** Threads, the idea board or the open questions of a community, as tabs kept in the address (?view=). */
export function CommunityTabs({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const { t } = useTranslation();
  const views: View[] = ['threads', 'ideas', 'unanswered'];
  return (
    <nav className="chips filter community-tabs" aria-label={t('ideas.tabs.label')}>
      {views.map((v) => (
        <button
          key={v}
          type="button"
          className={v === view ? 'chip selected' : 'chip'}
          aria-pressed={v === view}
          onClick={() => onChange(v)}
        >
          {t(`ideas.tabs.${v}`)}
        </button>
      ))}
    </nav>
  );
}

export const viewOf = (value: string | null): View =>
  value === 'ideas' || value === 'unanswered' ? value : 'threads';

/** A community's ideas, by votes or newest, optionally of one status (?sort=, ?status= in the address). */
export function IdeaBoard({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort') === 'newest' ? 'newest' : 'votes';
  const statusParam = params.get('status');
  const status = IDEA_STATUSES.includes(statusParam as IdeaStatus) ? (statusParam as IdeaStatus) : undefined;
  const update = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  return (
    <>
      <div className="idea-board-controls">
        <nav className="chips" aria-label={t('ideas.board.sort')}>
          {(['votes', 'newest'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={s === sort ? 'chip selected' : 'chip'}
              aria-pressed={s === sort}
              onClick={() => update({ sort: s === 'votes' ? undefined : s })}
            >
              {t(`ideas.board.by.${s}`)}
            </button>
          ))}
        </nav>
        <label className="inline-field">
          {t('ideas.board.status')}{' '}
          <select
            value={status ?? ''}
            onChange={(event) => update({ status: event.target.value || undefined })}
          >
            <option value="">{t('ideas.board.anyStatus')}</option>
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ThreadFeed
        key={`${sort}-${status ?? 'all'}`}
        queryKey={ideaKeys.board(slug, sort, status ?? 'all')}
        label="ideas"
        fetchPage={(cursor) => ideasApi.board(slug, { cursor, sort, status })}
        empty={
          <EmptyState icon="smile" title={t('ideas.board.emptyTitle')}>
            {t('ideas.board.emptyText')}
          </EmptyState>
        }
      />
    </>
  );
}
