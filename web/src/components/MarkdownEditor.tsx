import { type ClipboardEvent, type DragEvent, lazy, Suspense, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUploads } from './attachments/use-uploads.js';
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

/** Markdown with a Write / Preview switch; "@" suggests people; files are pasted, dropped or picked. */
export function MarkdownEditor({ value, onChange, rows = 5, ...rest }: Props) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState(false);
  // The latest text, so an upload that finishes later appends to what was typed meanwhile.
  const latest = useRef(value);
  latest.current = value;
  const { state, uploadAll } = useUploads((markdown) => {
    const before = latest.current;
    const joined = `${before}${before && !before.endsWith('\n') ? '\n' : ''}${markdown}\n`;
    latest.current = joined;
    onChange(joined);
  });
  const pickerId = useId();
  const filesOf = (list: FileList | null | undefined) => (list ? Array.from(list) : []);
  const onPaste = (event: ClipboardEvent) => {
    const files = filesOf(event.clipboardData?.files);
    if (files.length === 0) return;
    event.preventDefault();
    void uploadAll(files);
  };
  const onDrop = (event: DragEvent) => {
    const files = filesOf(event.dataTransfer?.files);
    if (files.length === 0) return;
    event.preventDefault();
    void uploadAll(files);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: pasting and dropping are shortcuts; the file picker below is the way for keyboards
    <div
      className="markdown-editor"
      onPaste={onPaste}
      onDrop={onDrop}
      onDragOver={(event) => event.dataTransfer?.types.includes('Files') && event.preventDefault()}
    >
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
      <div className="editor-files">
        <label className="link-button small" htmlFor={pickerId}>
          {t('attachments.attach')}
        </label>
        <input
          id={pickerId}
          className="visually-hidden"
          type="file"
          multiple
          onChange={(event) => {
            void uploadAll(filesOf(event.target.files));
            event.target.value = '';
          }}
        />
        <span className="muted small" aria-live="polite">
          {state.busy > 0 ? t('attachments.uploading', { count: state.busy }) : t('attachments.hint')}
        </span>
        {state.error && (
          <span className="field-error small" role="alert">
            {state.error === 'failed' ? t('attachments.failed') : state.error}
          </span>
        )}
      </div>
    </div>
  );
}
