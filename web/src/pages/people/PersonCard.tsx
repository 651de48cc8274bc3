import { Link } from 'react-router';
import type { PersonSummary } from '../../../../contract/people.js';
import { Avatar } from '../../components/Avatar.js';
import { personPath } from '../../lib/paths.js';

/** A person in a list: face, name, what they do and where. */
export function PersonCard({ person, badge }: { person: PersonSummary; badge?: string }) {
  const where = [person.department, person.location].filter(Boolean).join(' · ');
  return (
    <div className="card person-card">
      <Avatar person={person} size={44} />
      <div className="person-card-text">
        <Link to={personPath(person.handle)} className="person-card-name">
          {person.name}
        </Link>
        {person.title && <span className="small">{person.title}</span>}
        {where && <span className="muted small">{where}</span>}
      </div>
      {badge && <span className="badge role">{badge}</span>}
    </div>
  );
}
