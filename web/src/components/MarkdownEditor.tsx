import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MentionTextarea } from './MentionTextarea.js';

const MarkdownPreview = lazy(() => import('./MarkdownPreview.js'));

type Props = {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  placeholder?: string;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  autoFocus?: boolean;
};

/** Markdown with a Write / Preview switch; "@" suggests people. */
export function MarkdownEditor({ value, onChange, rows = 5, ...rest }: Props) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  return (
    <div className="markdown-editor">
      <div className="editor-tabs">
        <button type="button" className="tab" aria-pressed={!preview} onClick={() => setPreview(false)}>
          {t('composer.write')}
        </button>
        <button type="button" className="tab" aria-pressed={preview} onClick={() => setPreview(true)}>
          {t('composer.preview')}
        </button>
      </div>
      {preview ? (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          {value.trim() ? (
            <MarkdownPreview source={value} />
          ) : (
            <p className="muted preview">{t('composer.nothingToPreview')}</p>
          )}
        </Suspense>
      ) : (
        <MentionTextarea value={value} onChange={onChange} rows={rows} {...rest} />
      )}
    </div>
  );
}
