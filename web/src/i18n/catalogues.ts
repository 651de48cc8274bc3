import en from './en.json' with { type: 'json' };
import analyticsEn from './features/analytics.en.json' with { type: 'json' };
import analyticsNl from './features/analytics.nl.json' with { type: 'json' };
import attachmentsEn from './features/attachments.en.json' with { type: 'json' };
import attachmentsNl from './features/attachments.nl.json' with { type: 'json' };
import communitiesEn from './features/communities.en.json' with { type: 'json' };
import communitiesNl from './features/communities.nl.json' with { type: 'json' };
import goalsEn from './features/goals.en.json' with { type: 'json' };
import goalsNl from './features/goals.nl.json' with { type: 'json' };
import historyEn from './features/history.en.json' with { type: 'json' };
import historyNl from './features/history.nl.json' with { type: 'json' };
import ideasEn from './features/ideas.en.json' with { type: 'json' };
import ideasNl from './features/ideas.nl.json' with { type: 'json' };
import mailEn from './features/mail.en.json' with { type: 'json' };
import mailNl from './features/mail.nl.json' with { type: 'json' };
import moderationEn from './features/moderation.en.json' with { type: 'json' };
import moderationNl from './features/moderation.nl.json' with { type: 'json' };
import peopleEn from './features/people.en.json' with { type: 'json' };
import peopleNl from './features/people.nl.json' with { type: 'json' };
import pollsEn from './features/polls.en.json' with { type: 'json' };
import pollsNl from './features/polls.nl.json' with { type: 'json' };
import privacyEn from './features/privacy.en.json' with { type: 'json' };
import privacyNl from './features/privacy.nl.json' with { type: 'json' };
import scimEn from './features/scim.en.json' with { type: 'json' };
import scimNl from './features/scim.nl.json' with { type: 'json' };
import searchEn from './features/search.en.json' with { type: 'json' };
import searchNl from './features/search.nl.json' with { type: 'json' };
import themesEn from './features/themes.en.json' with { type: 'json' };
import themesNl from './features/themes.nl.json' with { type: 'json' };
import nl from './nl.json' with { type: 'json' };

export type Tree = { [key: string]: string | Tree };

/** The core catalogue plus one file per feature; each feature file owns its own top-level keys. */
export const parts: Record<'nl' | 'en', Tree[]> = {
  en: [
    en,
    themesEn,
    goalsEn,
    ideasEn,
    communitiesEn,
    searchEn,
    analyticsEn,
    scimEn,
    peopleEn,
    mailEn,
    moderationEn,
    privacyEn,
    pollsEn,
    attachmentsEn,
    historyEn,
  ],
  nl: [
    nl,
    themesNl,
    goalsNl,
    ideasNl,
    communitiesNl,
    searchNl,
    analyticsNl,
    scimNl,
    peopleNl,
    mailNl,
    moderationNl,
    privacyNl,
    pollsNl,
    attachmentsNl,
    historyNl,
  ],
};

const merge = (trees: Tree[]): Tree => Object.assign({}, ...trees);

export const catalogues: Record<'nl' | 'en', Tree> = { en: merge(parts.en), nl: merge(parts.nl) };
