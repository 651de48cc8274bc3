import type { MatrixRow } from './matrix.js';

export const communitiesMatrix: MatrixRow[] = [];
