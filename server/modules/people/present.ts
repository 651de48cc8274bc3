import type { PersonProfile, PersonSummary } from '../../../contract/people.js';
import type { PersonRow, SummaryRow } from './repository.js';

export const presentSummary = (row: SummaryRow): PersonSummary => ({
  id: row.id,
  handle: row.handle,
  name: row.name,
  title: row.title,
  department: row.department,
  location: row.location,
  avatarUrl: row.avatar_url,
  isLeader: row.is_leader,
  status: row.status,
});

export function presentProfile(
  row: PersonRow,
  related: {
    manager: SummaryRow | null;
    reports: SummaryRow[];
    counts: { followers: number; following: number; followed_by_me: boolean };
  },
): PersonProfile {
  return {
    ...presentSummary(row),
    timeZone: row.time_zone,
    skills: row.skills,
    bio: row.bio,
    role: row.role,
    manager: related.manager ? presentSummary(related.manager) : null,
    directReports: related.reports.map(presentSummary),
    followers: related.counts.followers,
    following: related.counts.following,
    followedByMe: related.counts.followed_by_me,
    createdAt: row.created_at.toISOString(),
  };
}
