import type { PersonProfile, PersonSummary } from '../../../contract/people.js';
import type { ProfileRow, SummaryRow } from './repository.js';

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

export function presentProfile(row: ProfileRow): PersonProfile {
  return {
    ...presentSummary(row),
    timeZone: row.time_zone,
    skills: row.skills,
    bio: row.bio,
    role: row.role,
    manager: row.manager ? presentSummary(row.manager) : null,
    directReports: row.reports.map(presentSummary),
    followers: row.followers,
    following: row.following,
    followedByMe: row.followed_by_me,
    createdAt: row.created_at.toISOString(),
  };
}
