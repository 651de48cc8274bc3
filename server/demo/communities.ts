/** The demo organisation's communities: company-wide, per office, social, and specialist ones. */
import type { DemoPerson } from './organisation.js';
import type { DepartmentKey } from './places.js';
import type { Random } from './random.js';
import type { FieldKey } from './texts/fields.js';

export type ThreadKindMix = Partial<
  Record<'question' | 'discussion' | 'idea' | 'announcement' | 'praise', number>
>;

/** How a community's activity develops over the six months. */
export type Vitality = 'thrives' | 'steady' | 'dries' | 'late';

type Audience =
  | { everyone: true }
  | { location: string }
  | { departments: DepartmentKey[]; locations?: string[] }
  | { leaders: true; level?: number }
  | { interest: true };

export type CommunityPlan = {
  slug: string;
  name: string;
  description: string;
  visibility: 'open' | 'closed' | 'secret';
  kind: 'general' | 'specialist';
  field: FieldKey;
  /** The language its posts are in; mixed: each author's own. */
  language: 'nl' | 'en' | 'mixed';
  audience: Audience;
  /** Share of the audience that joined. */
  share: number;
  /** Its posts are about each author's own work (an idea box for the whole company), not about its field. */
  authorsField?: true;
  /** The community of their work (their team, their role): everyone in its audience is a member, not a share. */
  home?: true;
  /** Threads per week at the start, relative to other communities. */
  activity: number;
  vitality: Vitality;
  kinds: ThreadKindMix;
  /** Whose department sponsors it ('ceo' for the company-wide ones); null: nobody yet (admins see it flagged). */
  sponsor: DepartmentKey | 'ceo' | null;
  /** The viability threshold an admin set for it; unset: the default of its kind (250 general, 25 specialist). */
  threshold?: number;
  /** Typical minutes to a first reply. */
  responseMinutes: number;
  answerRate: number;
  /** A team that committed to a response goal answers faster from that day on (condition 2). */
  committed?: { daysAgo: number; responseMinutes: number; answerRate: number };
};

export type DemoCommunity = Omit<CommunityPlan, 'sponsor'> & {
  /** 1-based, in insert order. */
  id: number;
  sponsor: DemoPerson | null;
  owners: DemoPerson[];
  /** Owners first. */
  members: DemoPerson[];
  createdDaysAgo: number;
};

/** Fills each planned community with members from its audience, a sponsor and owners. */
export function buildCommunities(
  random: Random,
  people: DemoPerson[],
  plans: CommunityPlan[],
): DemoCommunity[] {
  const ceo = people[0]!;
  const communityManager = people.find((p) => p.role === 'community_manager') ?? ceo;
  return plans.map((plan, i) => {
    const audience = people.filter((p) => inAudience(plan, p));
    const sponsor =
      plan.sponsor === null
        ? null
        : plan.sponsor === 'ceo'
          ? ceo
          : (people.find((p) => p.level === 2 && p.department.key === plan.sponsor && p.leader) ?? ceo);
    // The draw is made for everyone alike, so marking a community home leaves every other draw as it was.
    const joined = new Set(audience.filter(() => random.chance(plan.share) || plan.home === true));
    if (sponsor) joined.add(sponsor);
    const pickOwner = () => random.weighted([...joined], (p) => p.voice);
    const owners =
      plan.field === 'company' && plan.visibility === 'open'
        ? [communityManager]
        : plan.visibility === 'secret' && sponsor
          ? [sponsor]
          : [pickOwner()];
    if (random.chance(0.4)) owners.push(pickOwner());
    const ownerSet = [...new Set(owners)];
    for (const owner of ownerSet) joined.delete(owner);
    return {
      ...plan,
      id: i + 1,
      sponsor,
      owners: ownerSet,
      members: [...ownerSet, ...joined],
      createdDaysAgo: plan.vitality === 'late' ? random.int(70, 95) : random.int(184, 190),
    };
  });
}

function inAudience(plan: CommunityPlan, person: DemoPerson): boolean {
  const audience = plan.audience;
  if ('everyone' in audience || 'interest' in audience) return true;
  if ('location' in audience) return person.location.name === audience.location;
  if ('leaders' in audience) return person.leader && person.level <= (audience.level ?? 6);
  return (
    audience.departments.includes(person.department.key) &&
    (!audience.locations || audience.locations.includes(person.location.name))
  );
}

/** The threshold its active participants are measured against (DESIGN.md condition 5). */
export const thresholdOf = (community: Pick<CommunityPlan, 'kind' | 'threshold'>) =>
  community.threshold ?? (community.kind === 'general' ? 250 : 25);

/** How fast and how surely a community answers a question asked `daysAgo` days before now. */
export function paceOf(
  community: Pick<CommunityPlan, 'committed' | 'responseMinutes' | 'answerRate'> | null,
  daysAgo: number,
) {
  const committed = community?.committed;
  if (committed && daysAgo <= committed.daysAgo) return { ...committed, onDuty: true };
  return {
    responseMinutes: community?.responseMinutes ?? 60,
    answerRate: community?.answerRate ?? 0.8,
    onDuty: false,
  };
}
