import type { MatrixRow } from './matrix.js';

export const feedMatrix: MatrixRow[] = [];
