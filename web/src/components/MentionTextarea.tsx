import { useQuery } from '@tanstack/react-query';
import {
  type KeyboardEvent,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/endpoints.js';
import { Avatar } from './Avatar.js';
import { insertMention, mentionQuery } from './composer/mention-query.js';

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/** A textarea that suggests people as you type "@na…", from the people directory; arrows and Enter pick one. */
export function MentionTextarea({ value, onChange, onKeyDown, ...rest }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [token, setToken] = useState<string | null>(null);
  const [debounced, setDebounced] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  // Where the caret goes once a picked mention is in the text: set as the text is committed, before the next
  // keystroke can land (a frame later, a fast typist's first letter would already sit after the caret).
  const caretAfterPick = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = area.current;
    if (caretAfterPick.current === null || !element) return;
    element.focus();
    element.setSelectionRange(caretAfterPick.current, caretAfterPick.current);
    caretAfterPick.current = null;
  });

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(token), 150);
    return () => clearTimeout(timer);
  }, [token]);

  const people = useQuery({
    queryKey: ['mention', debounced],
    queryFn: () => api.people.list({ q: debounced ?? '', limit: 6 }),
    enabled: Boolean(debounced),
    staleTime: 60_000,
  });
  const options = token && debounced ? (people.data?.items ?? []) : [];
  const open = options.length > 0;

  const look = (text: string, caret: number) => {
    setToken(mentionQuery(text, caret)?.query ?? null);
    setActive(0);
  };

  const pick = (handle: string) => {
    const element = area.current;
    if (!element || !token) return;
    const mention = mentionQuery(value, element.selectionStart);
    setToken(null);
    if (!mention) return;
    const next = insertMention(value, mention, handle);
    caretAfterPick.current = next.caret;
    onChange(next.text);
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + step + options.length) % options.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(options[active]!.handle);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setToken(null);
        return;
      }
    }
    onKeyDown?.(event);
  };

  return (
    <div className="mention-box">
      <textarea
        {...rest}
        ref={area}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          look(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={keyDown}
        onClick={(event) => look(event.currentTarget.value, event.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setToken(null), 150)}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
      />
      {open && (
        <div
          className="mention-list"
          id={listId}
          role="listbox"
          aria-label={t('composer.mentionSuggestions')}
        >
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
                pick(person.handle);
              }}
            >
              <Avatar person={person} size={28} />
              <span>
                <strong>{person.name}</strong> <span className="muted">@{person.handle}</span>
                {person.title && <span className="muted small block">{person.title}</span>}
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
