/** The vocabulary of one field (a department, the company, an office, social life) in one language. */
export type Field = {
  /** Noun phrases: "de retourprocedure", "the returns process". */
  subjects: string[];
  /** One or two sentences of context. */
  details: string[];
  /** A concrete answer or advice. */
  fixes: string[];
  /** An observation or opinion, one sentence. */
  points: string[];
  /** A proposal, as a verb phrase after "what if we …". */
  ideas: string[];
  /** A piece of news, as a sentence without its full stop. */
  news: string[];
  /** What someone did well, after "thanks for …". */
  achievements: string[];
  tags: string[];
};

export type FieldKey =
  | 'support'
  | 'engineering'
  | 'it'
  | 'sales'
  | 'marketing'
  | 'finance'
  | 'hr'
  | 'operations'
  | 'legal'
  | 'product'
  | 'company'
  | 'office'
  | 'social';
