import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { ThreadKind } from '../../../contract/threads.js';
import { THREAD_KINDS } from '../api/contract-values.js';
import { api } from '../api/endpoints.js';
import { isNotFound } from '../api/http.js';
import { keys } from '../api/query-client.js';
import { Composer } from '../components/Composer.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { PinnedThreads } from '../components/moderation/PinnedThreads.js';
import { Skeleton } from '../components/Skeleton.js';
import { ThreadFeed } from '../components/ThreadFeed.js';
import { usePageTitle } from '../lib/use-title.js';
import { CommunityHeader } from './community/CommunityHeader.js';
import { HealthPanel } from './community/HealthPanel.js';
import { CommunityTabs, IdeaBoard, viewOf } from './community/IdeaBoard.js';
import { Unanswered } from './community/Unanswered.js';
import { useCommunity } from './community/use-community.js';
import { NotFoundPage } from './NotFoundPage.js';

export function CommunityPage() {
  const { t } = useTranslation();
  const slug = useParams().slug!;
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = THREAD_KINDS.includes(kindParam as ThreadKind) ? (kindParam as ThreadKind) : undefined;
  const view = viewOf(params.get('view'));
  const community = useCommunity(slug);
  usePageTitle(community.data?.name ?? (community.isError ? t('notFound.title') : null));

  if (community.isPending) {
    return (
      <div className="column narrow">
        <Skeleton lines={4} />
      </div>
    );
  }
  if (isNotFound(community.error)) return <NotFoundPage />;
  if (community.isError) return <ErrorMessage error={community.error} />;
  const data = community.data;
  const setKind = (next: ThreadKind | undefined) => setParams(next ? { kind: next } : {}, { replace: true });

  return (
    <div className="column narrow">
      <CommunityHeader community={data} />
      {!data.canRead ? (
        <EmptyState icon="lock" title={t('community.closedTitle')}>
          {t('community.closedText')}
        </EmptyState>
      ) : (
        <>
          <HealthPanel slug={slug} />
          {data.myRole && <Composer community={data} />}
          <CommunityTabs view={view} onChange={(v) => setParams(v === 'threads' ? {} : { view: v })} />
          {view === 'ideas' && <IdeaBoard slug={slug} />}
          {view === 'unanswered' && <Unanswered slug={slug} />}
          {view === 'threads' && (
            <>
              <nav className="chips filter" aria-label={t('community.filterByKind')}>
                <button
                  type="button"
                  className={kind ? 'chip' : 'chip selected'}
                  aria-pressed={!kind}
                  onClick={() => setKind(undefined)}
                >
                  {t('common.all')}
                </button>
                {THREAD_KINDS.map((k) => (
                  <button
                    key={k}
                    type="button"
                    className={k === kind ? 'chip selected' : 'chip'}
                    aria-pressed={k === kind}
                    onClick={() => setKind(k)}
                  >
                    {t(`kindsPlural.${k}`)}
                  </button>
                ))}
              </nav>
              <PinnedThreads slug={slug} />
              <ThreadFeed
                key={kind ?? 'all'}
                queryKey={keys.groupThreads(slug, kind)}
                label="community"
                fetchPage={(cursor) => api.groups.threads(slug, { cursor, kind })}
                isLive={(event) => event.communityId === data.id && (!kind || event.payload.kind === kind)}
                empty={
                  <EmptyState
                    icon="reply"
                    title={
                      kind === 'question' || !kind ? t('community.emptyTitle') : t('community.emptyKindTitle')
                    }
                  >
                    {data.myRole ? t('community.emptyMember') : t('community.emptyVisitor')}
                  </EmptyState>
                }
              />
            </>
          )}
        </>
      )}
    </div>
  );
}
