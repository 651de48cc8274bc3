import { catalogues, type Tree } from '../web/src/i18n/catalogues.js';

/** The UI's own words from the catalogues, so a journey reads the same in Dutch and English. */
export function wordsFor(language: 'nl' | 'en') {
  const catalogue: Tree = catalogues[language];
  return (key: string, values: Record<string, string | number> = {}): string => {
    let node: string | Tree | undefined = catalogue;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`No ${language} text for ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
  };
}
