import type { MatrixRow } from './matrix.js';

export const threadsMatrix: MatrixRow[] = [];
