import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FileHit, SearchHit } from '../../../../contract/search.js';
import { Avatar } from '../../components/Avatar.js';
import { readableSize } from '../../components/attachments/PostFiles.js';
import { KindBadge } from '../../components/KindBadge.js';
import { useFormat } from '../../i18n/format.js';
import { communityPath, personPath, threadPath } from '../../lib/paths.js';
import { Highlighted, plainText } from './Highlighted.js';

/** One search result: a thread, a reply, a person, a community or a file, hits marked. */
export function ResultItem({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (hit.type === 'person') {
    return (
      <Link to={personPath(hit.person.handle)} className="card search-result">
        <Avatar person={hit.person} size={36} /> <strong>{hit.person.name}</strong>{' '}
        <span className="muted small">
          {[hit.person.title, hit.person.department, hit.person.location].filter(Boolean).join(' · ')}
        </span>
      </Link>
    );
  }
  if (hit.type === 'community') {
    return (
      <Link to={communityPath(hit.slug)} className="card search-result">
        <strong>{hit.name}</strong>{' '}
        <span className="muted small">
          {t(`visibility.${hit.visibility}`)} · {t('search.members', { count: hit.memberCount })}
        </span>
        {hit.description && <p className="muted small">{hit.description}</p>}
      </Link>
    );
  }
  if (hit.type === 'file') return <FileResult hit={hit} />;
  const thread = hit.type === 'thread' ? { id: hit.id, title: plainText(hit.title) } : hit.thread;
  return (
    <article className="card search-result">
      <p className="muted small">
        {hit.type === 'thread' ? <KindBadge kind={hit.kind} /> : t('search.replyIn')}{' '}
        {hit.community ? <Link to={communityPath(hit.community.slug)}>{hit.community.name}</Link> : null}
        {hit.type === 'thread' && hit.answered && <> · {t('search.answered')}</>}
        {hit.type === 'reply' && hit.accepted && <> · {t('search.acceptedAnswer')}</>}
      </p>
      <h3 className="card-title">
        <Link to={threadPath(thread.id, thread.title)}>
          {hit.type === 'thread' ? (
            <Highlighted segments={hit.title} />
          ) : (
            thread.title || t('search.untitled')
          )}
        </Link>
      </h3>
      <p className="search-snippet">
        <Highlighted segments={hit.snippet} />
      </p>
      <p className="muted small">
        {hit.author.name} · <time dateTime={hit.createdAt}>{format.date(hit.createdAt)}</time>
        {hit.type === 'thread' && <> · {t('search.replies', { count: hit.replyCount })}</>}
      </p>
    </article>
  );
}

/** A file found by its name: a download, and the post it belongs to. */
function FileResult({ hit }: { hit: FileHit }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <article className="card search-result">
      <p className="muted small">
        {t('search.fileIn')}{' '}
        <Link to={threadPath(hit.thread.id, hit.thread.title)}>
          {hit.thread.title || t('search.untitled')}
        </Link>
        {hit.community ? (
          <>
            {' '}
            · <Link to={communityPath(hit.community.slug)}>{hit.community.name}</Link>
          </>
        ) : null}
      </p>
      <h3 className="card-title">
        <a href={hit.url} download={hit.name}>
          {hit.name}
        </a>
      </h3>
      <p className="muted small">
        {hit.contentType} · {readableSize(hit.size, i18n.language)} · {hit.author.name} ·{' '}
        <time dateTime={hit.createdAt}>{format.date(hit.createdAt)}</time>
      </p>
    </article>
  );
}
