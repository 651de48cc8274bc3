import { useState } from 'react';
import type { Attachment } from '../../../../contract/attachments.js';
import { attachmentsApi } from '../../api/attachments.js';
import { ApiError } from '../../api/http.js';

/** Markdown for an upload: an image inline (its web size), any other file as a link the page shows as a card. */
export function markdownFor(file: Attachment): string {
  const label = file.name.replace(/[[\]\\]/g, '');
  return file.isImage ? `![${label}](${file.url}?size=web)` : `[${label}](${file.url})`;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the server has stripped and sized an image (a second or two), it serves nothing: wait for "ready". */
async function whenReady(file: Attachment): Promise<Attachment> {
  let current = file;
  for (let attempt = 0; current.status === 'pending' && attempt < 60; attempt++) {
    await wait(500);
    current = await attachmentsApi.get(file.id);
  }
  return current;
}

export type UploadState = { busy: number; error: string | null };

/** Uploads dropped, pasted or picked files one by one; each ready one is handed on as Markdown. */
export function useUploads(onMarkdown: (markdown: string) => void) {
  const [state, setState] = useState<UploadState>({ busy: 0, error: null });
  const uploadAll = async (files: File[]) => {
    for (const file of files) {
      setState((s) => ({ busy: s.busy + 1, error: null }));
      try {
        const ready = await whenReady(await attachmentsApi.upload(file));
        if (ready.status === 'rejected') throw new ApiError(415, 'Rejected', 'rejected');
        onMarkdown(markdownFor(ready));
      } catch (error) {
        setState((s) => ({
          ...s,
          error: error instanceof ApiError && error.detail ? error.detail : 'failed',
        }));
      } finally {
        setState((s) => ({ ...s, busy: s.busy - 1 }));
      }
    }
  };
  return { state, uploadAll };
}
