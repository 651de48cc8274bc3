import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReactionCount, ReactionKind } from '../../../contract/threads.js';
import { REACTION_KINDS } from '../api/contract-values.js';
import { useFormat } from '../i18n/format.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Icon } from './Icon.js';
import { REACTION_EMOJI } from './reactions.js';

/**
 * Reactions given so far as toggle buttons, and a picker for the rest. The count changes at once and is put
 * back if the server refuses.
 */
export function ReactionBar({
  counts,
  onToggle,
  onShowWho,
  compact = false,
}: {
  /** Replies: the add button shows only its icon, so a long conversation stays quiet. */
  compact?: boolean;
  counts: ReactionCount[];
  onToggle: (kind: ReactionKind, on: boolean) => Promise<unknown>;
  onShowWho?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [picking, setPicking] = useState(false);
  const [local, setLocal] = useState<ReactionCount[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const shown = local ?? counts;
  const given = shown.filter((reaction) => reaction.count > 0);

  const toggle = async (kind: ReactionKind) => {
    const current = shown.find((reaction) => reaction.kind === kind);
    const on = !current?.reactedByMe;
    const next = REACTION_KINDS.map((k) => {
      const was = shown.find((reaction) => reaction.kind === k) ?? { kind: k, count: 0, reactedByMe: false };
      return k === kind ? { kind: k, count: was.count + (on ? 1 : -1), reactedByMe: on } : was;
    });
    setLocal(next);
    setPicking(false);
    setError(null);
    try {
      await onToggle(kind, on);
    } catch (problem) {
      setError(problem);
    } finally {
      setLocal(null);
    }
  };

  return (
    <div className="reactions">
      <div className="reaction-row">
        {given.map((reaction) => (
          <button
            key={reaction.kind}
            type="button"
            className="reaction"
            aria-pressed={reaction.reactedByMe}
            onClick={() => void toggle(reaction.kind)}
            aria-label={t('reactions.toggle', {
              reaction: t(`reactions.${reaction.kind}`),
              count: reaction.count,
            })}
          >
            <span aria-hidden="true">{REACTION_EMOJI[reaction.kind]}</span> {format.number(reaction.count)}
          </button>
        ))}
        <button
          type="button"
          className="reaction add"
          aria-expanded={picking}
          onClick={() => setPicking((value) => !value)}
        >
          <Icon name="smile" size={16} />
          {compact ? <span className="visually-hidden">{t('reactions.add')}</span> : ` ${t('reactions.add')}`}
          {compact && <span aria-hidden="true">+</span>}
        </button>
        {onShowWho && given.length > 0 && (
          <button type="button" className="link-button small" onClick={onShowWho}>
            {t('reactions.who')}
          </button>
        )}
      </div>
      {picking && (
        <fieldset className="reaction-picker">
          <legend className="visually-hidden">{t('reactions.pick')}</legend>
          {REACTION_KINDS.map((kind) => (
            <button
              key={kind}
              type="button"
              className="reaction"
              aria-pressed={shown.find((reaction) => reaction.kind === kind)?.reactedByMe ?? false}
              onClick={() => void toggle(kind)}
              title={t(`reactions.${kind}`)}
            >
              <span aria-hidden="true">{REACTION_EMOJI[kind]}</span>
              <span className="reaction-name">{t(`reactions.${kind}`)}</span>
            </button>
          ))}
        </fieldset>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
