import type { Queryable } from '../../platform/db/database.js';
import { personJsonSql, type SummaryRow } from '../people/repository.js';

export type AmaRow = { thread_id: string; starts_at: Date; ends_at: Date; host: SummaryRow };
export type QuestionRow = {
  id: string;
  thread_id: string;
  author: SummaryRow;
  body: string;
  vote_count: number;
  voted_by_me: boolean;
  answer_html: string | null;
  answered_at: Date | null;
  created_at: Date;
};

export async function insertAma(
  db: Queryable,
  threadId: string,
  startsAt: Date,
  endsAt: Date,
): Promise<void> {
  await db.query('insert into amas (thread_id, starts_at, ends_at) values ($1, $2, $3)', [
    threadId,
    startsAt,
    endsAt,
  ]);
}

export async function findAma(db: Queryable, threadId: string): Promise<AmaRow | null> {
  const { rows } = await db.query<AmaRow>(
    `select a.thread_id::text, a.starts_at, a.ends_at, ${personJsonSql('p')} as host
       from amas a join threads t on t.id = a.thread_id join people p on p.id = t.author_id
      where a.thread_id = $1`,
    [threadId],
  );
  return rows[0] ?? null;
}

/** Locks the AMA's row: questions are counted against the limit one at a time. */
export async function lockAma(db: Queryable, threadId: string): Promise<void> {
  await db.query('select 1 from amas where thread_id = $1 for update', [threadId]);
}

/** Its questions in the order the host answers them: most votes first, then the oldest. */
export async function listQuestions(
  db: Queryable,
  threadId: string,
  viewerId: string,
): Promise<QuestionRow[]> {
  const { rows } = await db.query<QuestionRow>(
    `select q.id::text, q.thread_id::text, ${personJsonSql('p')} as author, q.body, q.vote_count,
            exists (select 1 from ama_question_votes v where v.question_id = q.id and v.person_id = $2) as voted_by_me,
            q.answer_html, q.answered_at, q.created_at
       from ama_questions q join people p on p.id = q.author_id
      where q.thread_id = $1
      order by q.vote_count desc, q.id`,
    [threadId, viewerId],
  );
  return rows;
}

export async function countQuestions(db: Queryable, threadId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from ama_questions where thread_id = $1',
    [threadId],
  );
  return rows[0]!.n;
}

export async function insertQuestion(
  db: Queryable,
  question: { threadId: string; authorId: string; body: string },
  at: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into ama_questions (thread_id, author_id, body, created_at) values ($1, $2, $3, $4)
     returning id::text`,
    [question.threadId, question.authorId, question.body, at],
  );
  return rows[0]!.id;
}

export async function findQuestion(
  db: Queryable,
  id: string,
): Promise<{ id: string; thread_id: string; author_id: string } | null> {
  const { rows } = await db.query<{ id: string; thread_id: string; author_id: string }>(
    'select id::text, thread_id::text, author_id::text from ama_questions where id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** Adds or takes back one person's vote; the count moves only when the vote did. */
export async function setVote(db: Queryable, questionId: string, personId: string, on: boolean, at: Date) {
  const { rowCount } = on
    ? await db.query(
        `insert into ama_question_votes (question_id, person_id, created_at) values ($1, $2, $3)
         on conflict do nothing`,
        [questionId, personId, at],
      )
    : await db.query('delete from ama_question_votes where question_id = $1 and person_id = $2', [
        questionId,
        personId,
      ]);
  if (rowCount === 1) {
    await db.query(`update ama_questions set vote_count = vote_count ${on ? '+' : '-'} 1 where id = $1`, [
      questionId,
    ]);
  }
}

export async function answerQuestion(
  db: Queryable,
  id: string,
  answer: { md: string; html: string; by: string },
  at: Date,
): Promise<void> {
  await db.query(
    `update ama_questions set answer_md = $2, answer_html = $3, answered_by = $4, answered_at = coalesce(answered_at, $5)
      where id = $1`,
    [id, answer.md, answer.html, answer.by, at],
  );
}
