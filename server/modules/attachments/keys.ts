import { randomUUID } from 'node:crypto';

/** A new storage key: random, so no one learns or guesses another file's place. */
export const newStorageKey = (now: Date) => `files/${now.getUTCFullYear()}/${randomUUID()}`;

/** Where an image's web size and thumbnail are kept, beside the original. */
export const variantKey = (key: string, size: 'web' | 'thumb') => `${key}${variantSuffix(size)}`;
export const variantSuffix = (size: 'web' | 'thumb') => `.${size}`;
