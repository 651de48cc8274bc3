import type { MatrixRow } from './matrix.js';

export const notificationsMatrix: MatrixRow[] = [];
