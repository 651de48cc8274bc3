import { Link } from 'react-router';
import type { PersonSummary } from '../../../contract/people.js';
import { personPath } from '../lib/paths.js';

export function PersonLink({ person }: { person: Pick<PersonSummary, 'handle' | 'name'> }) {
  return (
    <Link className="person-link" to={personPath(person.handle)}>
      {person.name}
    </Link>
  );
}
