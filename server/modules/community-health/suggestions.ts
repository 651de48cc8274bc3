import { DEFAULT_VIABILITY } from '../../../contract/communities.js';
import type { HealthSuggestion } from '../../../contract/community-health.js';
import type { Queryable } from '../../platform/db/database.js';
import type { CommunityAccess } from '../communities/access.js';
import { presentSummary } from '../people/present.js';
import { likelyJoiners } from './invite-repository.js';
import { combinedActiveParticipants, type HealthSubject } from './repository.js';
import { skillTerms } from './skill-terms.js';
import * as suggestions from './suggestions-repository.js';

const TOP_DEPARTMENTS = 3;
const TOP_HASHTAGS = 5;
const LIKELY = 5;
const MERGE_CANDIDATES = 5;

type Context = {
  db: Queryable;
  community: HealthSubject;
  access: CommunityAccess;
  viewerId: string;
  activeParticipants: number;
  today: string;
};

/** What a community below its threshold could do, each computed from data; nothing when it is viable. */
export async function suggestionsFor(context: Context): Promise<HealthSuggestion[]> {
  if (context.activeParticipants >= context.community.viability_threshold) return [];
  const [invite, merge] = await Promise.all([inviteSuggestion(context), mergeSuggestion(context)]);
  return [invite, merge, makeSpecialistSuggestion(context)].filter(
    (suggestion): suggestion is HealthSuggestion => suggestion !== null,
  );
}

async function inviteSuggestion({
  db,
  community,
  access,
  viewerId,
  today,
}: Context): Promise<HealthSuggestion | null> {
  const [departments, hashtags] = await Promise.all([
    suggestions.memberDepartments(db, community.id, TOP_DEPARTMENTS),
    suggestions.topHashtags(db, community.id, TOP_HASHTAGS),
  ]);
  const departmentKeys = departments.map((row) => row.department.toLowerCase());
  const terms = skillTerms([community.name, community.description], hashtags);
  const topics = [...new Set([community.name.toLowerCase(), ...terms])];
  const [figures, likely] = await Promise.all([
    suggestions.inviteFigures(db, community.id, departmentKeys, terms),
    likelyJoiners(db, { communityId: community.id, viewerId, today, hashtags, topics, limit: LIKELY }),
  ]);
  if (figures.candidates === 0 && likely.length === 0) return null;
  const candidatesIn = new Map(
    figures.departments.map((row) => [row.department.toLowerCase(), row.candidates]),
  );
  return {
    kind: 'invite',
    candidates: figures.candidates,
    byDepartment: figures.by_department,
    bySkill: figures.by_skill,
    departments: departments.map((row) => ({
      department: row.department,
      members: row.members,
      candidates: candidatesIn.get(row.department.toLowerCase()) ?? 0,
    })),
    skills: figures.skills,
    // Names of people to approach are for the owners, who can act on them.
    people:
      access.role === 'owner'
        ? likely.map(({ score, reasons, ...person }) => ({
            person: presentSummary(person),
            score,
            reasons,
          }))
        : null,
  };
}

/** The best candidate scores highest on name similarity plus the share of members the two have in common. */
async function mergeSuggestion({
  db,
  community,
  viewerId,
  today,
}: Context): Promise<HealthSuggestion | null> {
  const candidates = await suggestions.mergeCandidates(db, community, viewerId, MERGE_CANDIDATES);
  const score = (candidate: suggestions.MergeCandidate) => {
    const union = community.member_count + candidate.member_count - candidate.shared_members;
    return candidate.name_similarity + (union > 0 ? candidate.shared_members / union : 0);
  };
  const best = candidates
    .filter((candidate) => candidate.name_similarity > 0 || candidate.shared_members > 0)
    .sort((a, b) => score(b) - score(a) || Number(a.id) - Number(b.id))[0];
  if (!best) return null;
  const combined = await combinedActiveParticipants(db, [community.id, best.id], today);
  return {
    kind: 'merge',
    community: { slug: best.slug, name: best.name, visibility: best.visibility, kind: best.kind },
    nameSimilarity: Math.round(best.name_similarity * 100) / 100,
    sharedMembers: best.shared_members,
    combinedActiveParticipants: combined,
    combinedViable: combined >= community.viability_threshold,
  };
}

function makeSpecialistSuggestion({ community, activeParticipants }: Context): HealthSuggestion | null {
  if (community.kind !== 'general' || activeParticipants < DEFAULT_VIABILITY.specialist) return null;
  return { kind: 'make_specialist', specialistThreshold: DEFAULT_VIABILITY.specialist };
}
