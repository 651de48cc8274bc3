import type { MatrixRow } from './matrix.js';
import { peopleMatrix } from './people.matrix.js';

/** Every module's rows; a new module adds its file here. */
export const matrix: MatrixRow[] = [...peopleMatrix];
