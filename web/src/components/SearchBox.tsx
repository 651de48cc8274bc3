import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../../contract/search.js';
import { searchApi, searchKeys } from '../api/search.js';
import { communityPath, personPath, threadPath } from '../lib/paths.js';
import { useDebounced } from '../lib/use-debounced.js';
import { plainText } from '../pages/search/Highlighted.js';
import { Icon } from './Icon.js';

// Layout kept with the component: the header has no room for a stylesheet of its own.
const boxStyle = { position: 'relative', display: 'flex', alignItems: 'center', gap: '0.35rem' } as const;
const listStyle = {
  position: 'absolute',
  top: '100%',
  left: 0,
  zIndex: 20,
  minWidth: '18rem',
  margin: 0,
  padding: '0.25rem 0',
  listStyle: 'none',
  background: 'var(--surface, #fff)',
  border: '1px solid var(--border, #ccc)',
  borderRadius: '0.5rem',
} as const;
const optionStyle = (active: boolean) =>
  ({
    padding: '0.35rem 0.75rem',
    cursor: 'pointer',
    background: active ? 'var(--surface-2, #eee)' : undefined,
  }) as const;

type Option = { id: string; label: string; detail: string; to: string };

function toOption(hit: SearchHit, t: (key: string) => string): Option {
  if (hit.type === 'person')
    return {
      id: `p${hit.person.id}`,
      label: hit.person.name,
      detail: t('search.type.people'),
      to: personPath(hit.person.handle),
    };
  if (hit.type === 'community')
    return {
      id: `c${hit.slug}`,
      label: hit.name,
      detail: t('search.type.communities'),
      to: communityPath(hit.slug),
    };
  if (hit.type === 'thread') {
    const title = plainText(hit.title);
    return {
      id: `t${hit.id}`,
      label: title || plainText(hit.snippet),
      detail: t(`kinds.${hit.kind}`),
      to: threadPath(hit.id, title),
    };
  }
  return {
    id: `r${hit.id}`,
    label: hit.thread.title,
    detail: t('search.type.replies'),
    to: threadPath(hit.thread.id, hit.thread.title),
  };
}

/**
 * The header search: an ARIA combobox with instant suggestions (debounced), arrow keys to move, Enter to open a
 * suggestion or search everything, Escape to close.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const settled = useDebounced(text.trim(), 200);
  const suggestions = useQuery({
    queryKey: searchKeys.suggest(settled),
    queryFn: ({ signal }) => searchApi.suggest(settled, signal),
    enabled: settled.length >= 2,
    staleTime: 30_000,
  });
  const options = settled.length >= 2 ? (suggestions.data?.items ?? []).map((hit) => toOption(hit, t)) : [];
  const expanded = open && options.length > 0;
  const go = (to: string) => {
    setOpen(false);
    setActive(-1);
    navigate(to);
  };
  const searchAll = () => {
    if (text.trim()) go(`/search?q=${encodeURIComponent(text.trim())}`);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (options.length ? (i + 1) % options.length : -1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (options.length ? (i <= 0 ? options.length - 1 : i - 1) : -1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = expanded ? options[active] : undefined;
      if (chosen) go(chosen.to);
      else searchAll();
    }
  };
  return (
    <search className="search-box">
      <form
        role="none"
        style={boxStyle}
        onSubmit={(event) => {
          event.preventDefault();
          searchAll();
        }}
      >
        <label htmlFor={`${id}-input`} className="visually-hidden">
          {t('search.label')}
        </label>
        <Icon name="search" size={16} />
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          aria-activedescendant={expanded && active >= 0 ? `${id}-${options[active]?.id}` : undefined}
          autoComplete="off"
          maxLength={200}
          placeholder={t('search.boxPlaceholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        <div
          id={`${id}-list`}
          role="listbox"
          aria-label={t('search.suggestions')}
          hidden={!expanded}
          style={listStyle}
        >
          {options.map((option, index) => (
            <div
              key={option.id}
              tabIndex={-1}
              id={`${id}-${option.id}`}
              role="option"
              aria-selected={index === active}
              style={optionStyle(index === active)}
              onMouseDown={(event) => {
                event.preventDefault();
                go(option.to);
              }}
            >
              <span>{option.label}</span> <span className="muted small">{option.detail}</span>
            </div>
          ))}
        </div>
      </form>
    </search>
  );
}
