import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ThreadDetail } from '../../../contract/threads.js';
import { LIMITS, THREAD_KINDS } from '../api/contract-values.js';
import { api } from '../api/endpoints.js';
import { keys } from '../api/query-client.js';
import { useMe } from '../api/session.js';
import { threadPath } from '../lib/paths.js';
import { AmaFields } from './composer/AmaFields.js';
import {
  type Draft,
  draftAfterPost,
  draftPayload,
  draftProblems,
  emptyDraft,
  needsTitle,
} from './composer/draft.js';
import { EventFields } from './composer/EventFields.js';
import { LinkSelects } from './composer/LinkSelects.js';
import { PollFields } from './composer/PollFields.js';
import { PraisePicker } from './composer/PraisePicker.js';
import { ErrorMessage, fieldError } from './ErrorMessage.js';
import { Field } from './Field.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { CommunityRules } from './moderation/CommunityRules.js';
import { rememberOwnThread } from './own-threads.js';
import { SimilarQuestions } from './SimilarQuestions.js';

type Community = { slug: string; name: string; myRole: 'owner' | 'member' | null };

/**
 * Start a thread: pick its kind and community, write a title and a Markdown body, check the preview, post.
 * A post that fails keeps everything typed, with the reason next to the field or the button.
 */
export function Composer({ community }: { community?: Community }) {
  const { t } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const formId = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(community?.slug));
  const { kind, communitySlug: slug, title, body } = draft;
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [posted, setPosted] = useState<ThreadDetail | null>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  // Opened from the prompt, the title takes the focus as the form commits, before the next keystroke (a frame later,
  // a quick typist's first letters would go to the prompt button and be lost).
  const focusTitle = useRef(false);
  useLayoutEffect(() => {
    if (!focusTitle.current) return;
    focusTitle.current = false;
    titleInput.current?.focus();
  });

  const mine = useQuery({
    queryKey: keys.myGroups,
    queryFn: () => api.groups.list({ member: 'me', limit: 100 }),
    enabled: open && !community,
  });
  const communities: Community[] = community ? [community] : (mine.data?.items ?? []);
  const chosen = communities.find((c) => c.slug === slug) ?? null;
  // Announcements speak for the organisation (leaders, admins) or for a community (also its owners).
  const mayAnnounce = me.isLeader || me.role === 'admin' || chosen?.myRole === 'owner';
  // An AMA is answered by someone with a mandate: leaders (and admins) open one.
  const mayHostAma = me.isLeader || me.role === 'admin';
  const kinds = THREAD_KINDS.filter(
    (k) => (k !== 'announcement' || mayAnnounce) && (k !== 'ama' || mayHostAma),
  );
  const titled = needsTitle(kind);

  const post = useMutation({
    mutationFn: () => api.threads.create(draftPayload(draft)),
    onSuccess: (thread) => {
      rememberOwnThread(thread.id);
      setPosted(thread);
      setDraft((current) => draftAfterPost(current, 'posted'));
      setOpen(false);
      void client.invalidateQueries({ queryKey: keys.feed });
      void client.invalidateQueries({ queryKey: ['group-threads'] });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const [field, problem] of Object.entries(draftProblems(draft))) {
      found[field] =
        'max' in problem
          ? t(problem.key, { max: problem.max })
          : 'min' in problem
            ? t(problem.key, { min: problem.min })
            : t(problem.key);
    }
    setChecks(found);
    if (Object.keys(found).length === 0) post.mutate();
  };

  if (!open) {
    return (
      <div className="card composer-closed">
        {posted && (
          <p className="success" role="status">
            {t('composer.posted')}{' '}
            <Link to={threadPath(posted.id, posted.title)}>{t('composer.openPost')}</Link>
          </p>
        )}
        <button
          type="button"
          className="composer-prompt"
          onClick={() => {
            focusTitle.current = true;
            setOpen(true);
            setPosted(null);
          }}
        >
          {community ? t('composer.promptIn', { name: community.name }) : t('composer.prompt')}
        </button>
      </div>
    );
  }

  const error = (field: string) => checks[field] ?? fieldError(post.error, field);
  return (
    <form className="card composer" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate>
      <h2 id={`${formId}-title`} className="composer-heading">
        {t('composer.heading')}
      </h2>
      <fieldset className="kind-picker">
        <legend>{t('composer.kind')}</legend>
        <div className="chips">
          {kinds.map((k) => (
            <label key={k} className={k === kind ? 'chip selected' : 'chip'}>
              <input
                type="radio"
                name={`${formId}-kind`}
                value={k}
                checked={k === kind}
                onChange={() => change({ kind: k })}
              />
              {t(`kinds.${k}`)}
            </label>
          ))}
        </div>
        <p className="hint">{t(`kindHints.${kind}`)}</p>
      </fieldset>
      {!community && (
        <Field label={t('composer.community')} error={error('communitySlug')}>
          <select value={slug} onChange={(event) => change({ communitySlug: event.target.value })}>
            <option value="">
              {kind === 'announcement' ? t('composer.companyWide') : t('composer.noCommunity')}
            </option>
            {communities.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {slug && <CommunityRules slug={slug} />}
      <Field label={titled ? t('composer.title') : t('composer.titleOptional')} error={error('title')}>
        <input
          ref={titleInput}
          type="text"
          value={title}
          maxLength={LIMITS.titleLength}
          onChange={(event) => change({ title: event.target.value })}
          placeholder={t(`titlePlaceholders.${kind}`)}
        />
      </Field>
      <SimilarQuestions title={title} kind={kind} />
      {kind === 'praise' && (
        <PraisePicker
          value={draft.praised}
          onChange={(praised) => change({ praised })}
          error={error('praised')}
        />
      )}
      {kind === 'poll' && (
        <PollFields
          value={draft.poll}
          onChange={(poll) => change({ poll })}
          error={error('poll') ?? error('poll.options') ?? error('poll.closesAt')}
        />
      )}
      {kind === 'event' && (
        <EventFields
          value={draft.event}
          onChange={(event) => change({ event })}
          error={
            error('event') ??
            error('event.place') ??
            error('event.onlineUrl') ??
            error('event.endsAt') ??
            error('event.timeZone')
          }
        />
      )}
      {kind === 'ama' && (
        <AmaFields
          value={draft.ama}
          onChange={(ama) => change({ ama })}
          error={error('ama') ?? error('ama.startsAt') ?? error('ama.endsAt')}
        />
      )}
      <Field label={t('composer.body')} hint={t('composer.markdownHint')} error={error('body')}>
        <MarkdownEditor value={body} onChange={(value) => change({ body: value })} rows={6} />
      </Field>
      <LinkSelects themeId={draft.themeId} goalId={draft.goalId} onChange={change} error={error} />
      <ErrorMessage error={post.error} />
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button primary" disabled={post.isPending}>
          {post.isPending ? t('composer.posting') : t(`composer.post.${kind}`)}
        </button>
      </div>
    </form>
  );
}
