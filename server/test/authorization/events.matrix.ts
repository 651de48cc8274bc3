import type { MatrixRow } from './matrix.js';

export const eventsMatrix: MatrixRow[] = [];
