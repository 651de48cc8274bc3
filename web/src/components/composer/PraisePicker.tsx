import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints.js';
import { MAX_PRAISED } from '../../api/ideas.js';
import { useMe } from '../../api/session.js';
import { Avatar } from '../Avatar.js';

type Chosen = { handle: string; name: string };

/**
 * Who a praise post recognises: type a name, pick from the people directory (arrows and Enter, or click); each
 * chosen person shows as a chip that can be taken off again.
 */
export function PraisePicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (handles: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const id = useId();
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);
  const [names, setNames] = useState<Record<string, string>>({});

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text.trim().replace(/^@/, '')), 150);
    return () => clearTimeout(timer);
  }, [text]);

  const people = useQuery({
    queryKey: ['praise-people', debounced],
    queryFn: () => api.people.list({ q: debounced, limit: 6 }),
    enabled: debounced.length > 0,
    staleTime: 60_000,
  });
  // Nobody praises themselves, and nobody twice.
  const options = debounced
    ? (people.data?.items ?? []).filter((p) => p.handle !== me.handle && !value.includes(p.handle))
    : [];
  const full = value.length >= MAX_PRAISED;

  const pick = (person: Chosen) => {
    setNames((current) => ({ ...current, [person.handle]: person.name }));
    onChange([...value, person.handle]);
    setText('');
    setActive(0);
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (options.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(options[Math.min(active, options.length - 1)]!);
    } else if (event.key === 'Escape') {
      setText('');
    }
  };

  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{t('praise.recipients')}</label>
      {value.length > 0 && (
        <ul className="chips" aria-label={t('praise.chosen')}>
          {value.map((handle) => (
            <li key={handle} className="chip selected">
              {names[handle] ?? `@${handle}`}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={t('praise.remove', { name: names[handle] ?? handle })}
                onClick={() => onChange(value.filter((h) => h !== handle))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="mention-box">
        <input
          id={id}
          type="text"
          value={text}
          disabled={full}
          placeholder={full ? t('praise.full', { max: MAX_PRAISED }) : t('praise.placeholder')}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={keyDown}
          role="combobox"
          aria-expanded={options.length > 0}
          aria-autocomplete="list"
          aria-controls={options.length > 0 ? listId : undefined}
          aria-activedescendant={options.length > 0 ? `${listId}-${active}` : undefined}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
        />
        {options.length > 0 && (
          <div className="mention-list" id={listId} role="listbox" aria-label={t('praise.suggestions')}>
            {options.map((person, index) => (
              <div
                key={person.id}
                id={`${listId}-${index}`}
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(person);
                }}
              >
                <Avatar person={person} size={28} />
                <span>
                  <strong>{person.name}</strong> <span className="muted">@{person.handle}</span>
                </span>
              </div>
            ))}
          </div>
        )}
      </div>
      <p className="hint" id={hintId}>
        {t('praise.hint', { max: MAX_PRAISED })}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
