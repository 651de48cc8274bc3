// biome-ignore-all format: one community to a line reads as a catalogue
/** The ~40 communities of the demo organisation, with how each one lives over the six months. */
import type { CommunityPlan } from './communities.js';

const ask = { question: 6, discussion: 2, idea: 1, praise: 0.5, announcement: 0.3 };
const talk = { discussion: 5, question: 2, idea: 1, praise: 1, announcement: 0.5 };
const news = { announcement: 3, discussion: 2, praise: 2.5, question: 1.5, idea: 1 };
// The support teams' pace once they committed to answering within the hour (goals.ts).
const oneHour = { daysAgo: 130, responseMinutes: 7, answerRate: 0.98 };
const social = { discussion: 5, question: 2, praise: 1, idea: 0.5, announcement: 0.3 };

// An office's community can never reach the general default of 250: the admin set its threshold to its size.
const office = (slug: string, name: string, location: string, language: 'nl' | 'en', threshold: number, description: string) =>
  ({
    threshold,
    slug,
    name,
    description,
    visibility: 'open',
    kind: 'general',
    field: 'office',
    language,
    audience: { location },
    share: 0.95,
    activity: 1.4,
    vitality: 'steady',
    kinds: { ...talk, question: 3, announcement: 1.5 },
    sponsor: 'operations',
    responseMinutes: 60,
    answerRate: 0.8,
  }) satisfies CommunityPlan;

type Defaults = Pick<
  CommunityPlan,
  'visibility' | 'kind' | 'share' | 'vitality' | 'responseMinutes' | 'answerRate'
>;
const specialistDefaults: Defaults = {
  visibility: 'open',
  kind: 'specialist',
  share: 0.5,
  vitality: 'steady',
  responseMinutes: 45,
  answerRate: 0.85,
};
const socialDefaults: Defaults = {
  ...specialistDefaults,
  kind: 'general',
  responseMinutes: 120,
  answerRate: 0.7,
};

const specialist = (plan: Omit<CommunityPlan, keyof Defaults> & Partial<Defaults>): CommunityPlan => ({
  ...specialistDefaults,
  ...plan,
});
const hobby = (
  plan: Omit<CommunityPlan, keyof Defaults | 'field' | 'kinds' | 'sponsor' | 'audience'> &
    Partial<Defaults> & { sponsor?: null },
): CommunityPlan => ({
  ...socialDefaults,
  field: 'social',
  kinds: social,
  sponsor: 'hr',
  audience: { interest: true },
  ...plan,
});

export const communityPlans: CommunityPlan[] = [
  {
    slug: 'iedereen',
    name: 'Iedereen',
    description:
      'Voor en door iedereen in het bedrijf: nieuws, vragen en complimenten. For everyone, in Dutch and English.',
    visibility: 'open',
    kind: 'general',
    field: 'company',
    language: 'mixed',
    audience: { everyone: true },
    share: 1,
    activity: 4,
    vitality: 'steady',
    kinds: news,
    sponsor: 'ceo',
    responseMinutes: 50,
    answerRate: 0.85,
  },
  office('kantoor-amsterdam', 'Kantoor Amsterdam', 'Amsterdam', 'nl', 80, 'Alles over ons hoofdkantoor aan het IJ: ruimtes, lunch, borrels.'),
  office('kantoor-rotterdam', 'Kantoor Rotterdam', 'Rotterdam', 'nl', 40, 'Het kantoor en distributiecentrum in de Waalhaven.'),
  office('kantoor-antwerpen', 'Kantoor Antwerpen', 'Antwerpen', 'nl', 25, 'Ons Vlaamse kantoor op het Eilandje.'),
  office('london-office', 'London office', 'Londen', 'en', 45, 'Everything about our office in Shoreditch.'),
  office('singapore-office', 'Singapore office', 'Singapore', 'en', 35, 'Our Asia hub at One-North: office life, events and visitors.'),
  {
    ...socialDefaults,
    slug: 'nieuw-hier',
    name: 'Nieuw hier / New here',
    description: 'Net begonnen? Stel hier al je vragen. Just started? Ask anything here.',
    field: 'hr',
    language: 'mixed',
    audience: { everyone: true },
    share: 0.45,
    activity: 1.2,
    kinds: { question: 5, discussion: 1, praise: 1 },
    threshold: 60, // every newcomer passes through, but not all 600 of us at once
    sponsor: 'hr',
    responseMinutes: 30,
    answerRate: 0.92,
  },
  {
    ...socialDefaults,
    slug: 'ideeenbus',
    authorsField: true,
    name: 'Ideeënbus',
    description: 'Jouw idee om het bedrijf beter te maken. Leaders reageren binnen twee weken.',
    field: 'company',
    language: 'mixed',
    audience: { everyone: true },
    share: 0.6,
    activity: 2.2,
    vitality: 'dries',
    kinds: { idea: 6, discussion: 1 },
    sponsor: 'ceo',
  },
  {
    ...socialDefaults,
    slug: 'plein-tips',
    name: 'Plein tips',
    description: 'Hoe haal je het meeste uit Plein? Tips van de community managers.',
    field: 'company',
    language: 'mixed',
    audience: { everyone: true },
    share: 0.35,
    activity: 1.5,
    vitality: 'dries',
    kinds: { question: 3, discussion: 2, announcement: 1 },
    sponsor: 'marketing',
  },
  hobby({ slug: 'hardlopen-fietsen', name: 'Hardlopen & fietsen', description: 'Samen trainen, bedrijfslopen en fietsen naar kantoor.', language: 'nl', share: 0.14, activity: 1.1, vitality: 'thrives' }),
  hobby({ slug: 'boekenclub', name: 'Boekenclub', description: 'Wat lees jij? Elk kwartaal een boek samen.', language: 'nl', share: 0.08, activity: 0.8, vitality: 'dries', sponsor: null }),
  hobby({ slug: 'koken', name: 'Koken & recepten', description: 'Recepten, lunchtips en de taart van vrijdag.', language: 'mixed', share: 0.1, activity: 0.7 }),
  hobby({ slug: 'fotografie', name: 'Fotografie', description: 'Foto’s, tips en de zomerwedstrijd.', language: 'mixed', share: 0.06, activity: 0.5, vitality: 'dries', sponsor: null }),
  hobby({ slug: 'ouders', name: 'Ouders', description: 'Werk en kinderen combineren: tips, vragen en begrip.', language: 'nl', share: 0.1, activity: 0.6 }),
  hobby({ slug: 'duurzaam', name: 'Duurzaam werken', description: 'Minder reizen, minder afval, meer fiets. Sustainability at work.', language: 'mixed', share: 0.15, activity: 1, vitality: 'late' }),
  hobby({ slug: 'board-games', name: 'Board games & gaming', description: 'Game nights in London and Singapore, and online.', language: 'en', share: 0.07, activity: 0.6, sponsor: null }),
  specialist({ slug: 'kubernetes', name: 'Kubernetes', description: 'Clusters, Helm charts, upgrades and everything around our platform.', field: 'engineering', language: 'mixed', audience: { departments: ['engineering', 'it'] }, activity: 2, vitality: 'thrives', kinds: ask, sponsor: 'engineering' }),
  specialist({ slug: 'frontend', name: 'Frontend', description: 'React, design systems and accessibility.', field: 'engineering', language: 'mixed', audience: { departments: ['engineering', 'product'] }, share: 0.35, activity: 1.2, kinds: ask, sponsor: 'engineering' }),
  specialist({ slug: 'postgresql', name: 'PostgreSQL', description: 'Queries, indexes, migrations and upgrades.', field: 'engineering', language: 'en', audience: { departments: ['engineering'] }, share: 0.35, activity: 0.9, kinds: ask, sponsor: 'engineering' }),
  specialist({ slug: 'security', name: 'Security', description: 'Veilig ontwikkelen, phishing en incidenten.', field: 'it', language: 'mixed', audience: { departments: ['engineering', 'it', 'legal'] }, share: 0.3, activity: 0.8, kinds: talk, sponsor: 'it' }),
  specialist({ slug: 'observability', name: 'Observability', description: 'Metrics, logs, traces and the dashboards that matter.', field: 'engineering', language: 'en', audience: { departments: ['engineering'] }, share: 0.3, activity: 0.9, vitality: 'dries', kinds: ask, sponsor: 'engineering' }),
  specialist({ slug: 'architectuur', name: 'Architectuur', description: 'Architectuurbesluiten, ontwerpen en reviews.', field: 'engineering', language: 'nl', audience: { departments: ['engineering', 'product'] }, share: 0.25, activity: 0.8, kinds: talk, sponsor: 'engineering' }),
  specialist({ slug: 'vraag-het-it', name: 'Vraag het IT', description: 'Laptop, account, VPN of printer? Vraag het hier. Ask IT anything.', field: 'it', language: 'mixed', audience: { everyone: true }, share: 0.5, activity: 2.4, vitality: 'thrives', kinds: { question: 8, announcement: 0.6, praise: 0.4 }, sponsor: 'it', responseMinutes: 25, answerRate: 0.93 }),
  specialist({ slug: 'klantenservice-nl', home: true, committed: oneHour, name: 'Customer support NL', description: 'Het team klantenservice Nederland en België: afspraken, lastige cases en het één-uur-doel.', field: 'support', language: 'nl', audience: { departments: ['support'], locations: ['Rotterdam', 'Antwerpen', 'Amsterdam'] }, share: 0.95, activity: 3, kinds: ask, sponsor: 'support', responseMinutes: 15, answerRate: 0.95 }),
  specialist({ slug: 'customer-support-uk', home: true, committed: oneHour, threshold: 15, name: 'Customer support UK', description: 'The UK support team: cases, escalations and the one-hour goal.', field: 'support', language: 'en', audience: { departments: ['support'], locations: ['Londen'] }, share: 0.95, activity: 2.2, kinds: ask, sponsor: 'support', responseMinutes: 15, answerRate: 0.94 }),
  specialist({ slug: 'support-apac', home: true, committed: oneHour, threshold: 12, name: 'Support APAC', description: 'Support for our customers in Asia, from Singapore.', field: 'support', language: 'en', audience: { departments: ['support'], locations: ['Singapore'] }, share: 0.95, activity: 1.2, vitality: 'late', kinds: ask, sponsor: 'support', responseMinutes: 20, answerRate: 0.9 }),
  specialist({ slug: 'kennisbank', name: 'Kennisbank', description: 'Samen de kennisbank actueel houden.', field: 'support', language: 'mixed', audience: { departments: ['support', 'product', 'engineering'] }, share: 0.25, activity: 0.8, vitality: 'dries', kinds: talk, sponsor: 'support' }),
  specialist({ slug: 'tendering', name: 'Tendering', description: 'Aanbestedingen en tenders: go/no-go, teksten, deadlines.', field: 'sales', language: 'mixed', audience: { departments: ['sales', 'legal', 'finance'] }, share: 0.6, activity: 1.6, kinds: ask, sponsor: 'sales', responseMinutes: 40 }),
  specialist({ slug: 'key-accounts', name: 'Key accounts', description: 'Onze grootste klanten: plannen, risico’s en kansen.', visibility: 'closed', field: 'sales', language: 'mixed', audience: { departments: ['sales'] }, share: 0.45, activity: 1, kinds: talk, sponsor: 'sales' }),
  specialist({ slug: 'pricing', name: 'Pricing', description: 'Prijzen, kortingen en marges.', field: 'sales', language: 'mixed', audience: { departments: ['sales', 'finance', 'product'] }, share: 0.25, activity: 0.6, kinds: talk, sponsor: 'finance' }),
  specialist({ slug: 'campagnes', name: 'Campagnes', description: 'Campagnes plannen met marketing en sales.', field: 'marketing', language: 'mixed', audience: { departments: ['marketing', 'sales'] }, share: 0.35, activity: 0.9, kinds: talk, sponsor: 'marketing' }),
  specialist({ slug: 'brand-design', name: 'Brand & design', description: 'Huisstijl, templates and design reviews.', field: 'marketing', language: 'mixed', audience: { departments: ['marketing', 'product'] }, share: 0.35, activity: 0.6, vitality: 'dries', kinds: talk, sponsor: 'marketing' }),
  specialist({ slug: 'forecast-budget', home: true, threshold: 12, name: 'Forecast & budget', description: 'Forecasts en budgetten voor budgethouders.', visibility: 'closed', field: 'finance', language: 'mixed', audience: { departments: ['finance'] }, share: 0.9, activity: 0.7, kinds: ask, sponsor: 'finance' }),
  specialist({ slug: 'inkoop', name: 'Inkoop', description: 'Inkooporders, leveranciers en contracten.', field: 'finance', language: 'nl', audience: { departments: ['finance', 'operations'] }, share: 0.3, activity: 0.7, kinds: ask, sponsor: 'finance' }),
  specialist({ slug: 'recruitment', name: 'Recruitment', description: 'Vacatures, referrals and interviews.', field: 'hr', language: 'mixed', audience: { departments: ['hr', 'engineering'] }, share: 0.2, activity: 0.8, kinds: talk, sponsor: 'hr' }),
  specialist({ slug: 'leren-ontwikkelen', name: 'Leren & ontwikkelen', description: 'Trainingen, cursussen en het opleidingsbudget.', kind: 'general', field: 'hr', language: 'mixed', audience: { everyone: true }, share: 0.2, activity: 0.8, vitality: 'dries', kinds: talk, sponsor: 'hr' }),
  specialist({ slug: 'lean', name: 'Lean & verbeteren', description: 'Kleine verbeteringen op de werkvloer, groot effect.', field: 'operations', language: 'mixed', audience: { departments: ['operations'] }, share: 0.6, activity: 1.3, vitality: 'thrives', kinds: { idea: 4, discussion: 3, question: 2, praise: 1 }, sponsor: 'operations' }),
  specialist({ slug: 'veiligheid', home: true, name: 'Veiligheid', description: 'Veilig werken in magazijn en kantoor.', field: 'operations', language: 'nl', audience: { departments: ['operations'] }, share: 0.7, activity: 0.9, kinds: { announcement: 2, question: 3, discussion: 2 }, sponsor: 'operations' }),
  specialist({ slug: 'privacy-avg', name: 'Privacy & AVG', description: 'Privacyvragen over klant- en personeelsdata.', field: 'legal', language: 'mixed', audience: { departments: ['legal', 'it', 'hr', 'support'] }, share: 0.2, activity: 0.6, kinds: ask, sponsor: 'legal' }),
  specialist({ slug: 'product-discovery', name: 'Product discovery', description: 'Customer interviews, experiments and what we learn from them.', field: 'product', language: 'en', audience: { departments: ['product', 'support', 'engineering'] }, share: 0.25, activity: 1, kinds: talk, sponsor: 'product' }),
  specialist({ slug: 'managers', home: true, threshold: 15, name: 'Managers', description: 'Voor leidinggevenden: beleid, teams en lastige gesprekken.', visibility: 'closed', field: 'company', language: 'mixed', audience: { leaders: true, level: 4 }, share: 0.9, activity: 1, kinds: talk, sponsor: 'ceo' }),
  specialist({ slug: 'board', name: 'Board', description: 'Directieoverleg. Only for the management team.', visibility: 'secret', field: 'company', language: 'mixed', audience: { leaders: true, level: 2 }, share: 1, activity: 0.6, kinds: talk, sponsor: 'ceo' }),
  specialist({ slug: 'project-atlas', name: 'Project Atlas', description: 'Vertrouwelijk: de mogelijke overname in Duitsland.', visibility: 'secret', field: 'company', language: 'mixed', audience: { leaders: true, level: 2 }, share: 0.6, activity: 0.5, vitality: 'late', kinds: talk, sponsor: 'ceo' }),
];

