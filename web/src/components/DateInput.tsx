import { type InputHTMLAttributes, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.js';
import { datePattern, datePlaceholder, formatIsoDate, parseLocalDate } from '../lib/dates.js';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** "yyyy-mm-dd", or empty. */
  value: string;
  /** "yyyy-mm-dd" once what is typed is a real date, empty while it is not (or is cleared). */
  onChange: (iso: string) => void;
};

/**
 * A date typed in the interface language's order (09-03-2026 in Dutch, 09/03/2026 in English): the browser's own
 * date field follows the browser's locale, so a Dutch page in an American browser asked for mm/dd/yyyy.
 */
export function DateInput({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const pattern = useMemo(() => datePattern(locale), [locale]);
  const [text, setText] = useState(() => formatIsoDate(value, pattern));
  // A new value from outside (a reset, a link) or a change of language re-writes what is shown; the value this
  // field sent itself does not, however late the page passes it back.
  const sent = useRef(new Set<string>([value]));
  const seen = useRef({ value, pattern });
  if (value !== seen.current.value || pattern !== seen.current.pattern) {
    const rewrite = pattern !== seen.current.pattern || !sent.current.has(value);
    seen.current = { value, pattern };
    if (rewrite) {
      sent.current = new Set([value]);
      setText(formatIsoDate(value, pattern));
    }
  }
  const invalid = text.trim() !== '' && parseLocalDate(text, pattern) === null;
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={datePlaceholder(pattern, {
        day: t('dates.day'),
        month: t('dates.month'),
        year: t('dates.year'),
      })}
      aria-invalid={invalid || rest['aria-invalid'] ? true : undefined}
      value={text}
      onChange={(event) => {
        const iso = parseLocalDate(event.target.value, pattern) ?? '';
        sent.current.add(iso);
        setText(event.target.value);
        onChange(iso);
      }}
    />
  );
}
