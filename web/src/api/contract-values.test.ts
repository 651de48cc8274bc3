import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_URL as contractAttachmentUrl } from '../../../contract/attachments.js';
import { LIMITS as contractLimits } from '../../../contract/common.js';
import { CommunityKind, Visibility } from '../../../contract/communities.js';
import { REPORT_REASONS as contractReasons } from '../../../contract/moderation.js';
import { SEARCH_TYPES as contractSearchTypes } from '../../../contract/search.js';
import { SSO_REFUSALS as contractRefusals } from '../../../contract/sso.js';
import {
  THREAD_KINDS as contractKinds,
  UNTITLED_KINDS as contractUntitled,
  ReactionKind,
} from '../../../contract/threads.js';
import {
  ATTACHMENT_URL,
  COMMUNITY_KINDS,
  LIMITS,
  REACTION_KINDS,
  REPORT_REASONS,
  SEARCH_TYPES,
  SSO_REFUSALS,
  THREAD_KINDS,
  UNTITLED_KINDS,
  VISIBILITIES,
} from './contract-values.js';

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the web's copy of the contract's values", () => {
  it('matches the contract', () => {
    expect([...THREAD_KINDS]).toEqual([...contractKinds]);
    expect([...UNTITLED_KINDS]).toEqual([...contractUntitled]);
    expect([...REACTION_KINDS]).toEqual(ReactionKind.options);
    expect([...VISIBILITIES]).toEqual(Visibility.options);
    expect([...COMMUNITY_KINDS]).toEqual(CommunityKind.options);
    expect([...SEARCH_TYPES]).toEqual([...contractSearchTypes]);
    expect([...REPORT_REASONS]).toEqual([...contractReasons]);
    expect([...SSO_REFUSALS]).toEqual([...contractRefusals]);
    expect(LIMITS.titleLength).toBe(contractLimits.titleLength);
    expect(LIMITS.bodyLength).toBe(contractLimits.bodyLength);
    expect(ATTACHMENT_URL.source).toBe(contractAttachmentUrl.source);
  });

  it('is the only way the browser code takes values from the contract (types are free)', () => {
    const valueImports = sourceFiles(join(import.meta.dirname, '..')).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(?:\.\.\/)+contract\/[^']+'/g,
        ),
      ]
        .filter(
          ([, typeOnly, names]) =>
            !typeOnly && names!.split(',').some((name) => name.trim() && !/^type\s/.test(name.trim())),
        )
        .map(([statement]) => `${file}: ${statement}`),
    );
    expect(valueImports).toEqual([]);
  });
});
