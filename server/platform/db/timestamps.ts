import pg from 'pg';

const general = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ);
const IN_UTC = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?\+00$/;

/**
 * A timestamptz as PostgreSQL writes it in UTC ('2026-12-06 09:02:29.85+00') becomes a Date through the engine's
 * own ISO parser, about twice as fast as pg's general one, which a page of summaries calls a hundred times; any
 * other form (another zone, BC, infinity: a number) takes the general parser.
 */
export const parseTimestamptz = (value: string): Date | number =>
  IN_UTC.test(value) ? new Date(`${value.slice(0, 10)}T${value.slice(11, -3)}Z`) : general(value);

pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);
