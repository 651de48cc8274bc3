/** Every word a mail says, in Dutch and English; {name} placeholders are filled by `say`. */
export type Locale = 'nl' | 'en';

const en = {
  'subject.mention': '{actor} mentioned you in “{title}”',
  'subject.reply_to_thread': '{actor} replied to “{title}”',
  'subject.reply_to_reply': '{actor} replied to you in “{title}”',
  'subject.accepted_answer': '{actor} accepted your answer in “{title}”',
  'subject.question_answered': 'Your question “{title}” has an accepted answer',
  'subject.routed_question': 'A question you may know about: “{title}”',
  'subject.theme_outcome': '{actor} shared what was done with “{title}”',
  'subject.idea_status': 'Your idea “{title}” is now: {status}',
  'subject.praised': '{actor} praised you',
  'subject.event_reminder': 'Starting soon: “{title}”',
  'subject.other': 'New in Plein: {title}',
  'subject.digest': 'What you missed in Plein',
  where: 'in {community}',
  whereNone: 'as a personal update',
  open: 'Open in Plein',
  replyHint: 'Reply to this mail to answer in Plein.',
  why: 'You get this mail because of your notification settings.',
  settings: 'Change what Plein mails you',
  unsubscribe: 'Unsubscribe from these mails',
  digestIntro: 'The most discussed in your communities and themes since {since}:',
  digestItem: '{title} — {community}, {replies} replies',
  forYou: 'Addressed to you',
  'status.new': 'new',
  'status.under_review': 'under review',
  'status.planned': 'planned',
  'status.done': 'done',
  'status.declined': 'declined',
  someone: 'Someone',
};

const nl: typeof en = {
  'subject.mention': '{actor} noemde je in “{title}”',
  'subject.reply_to_thread': '{actor} reageerde op “{title}”',
  'subject.reply_to_reply': '{actor} reageerde op jou in “{title}”',
  'subject.accepted_answer': '{actor} accepteerde je antwoord in “{title}”',
  'subject.question_answered': 'Je vraag “{title}” heeft een geaccepteerd antwoord',
  'subject.routed_question': 'Een vraag waar jij misschien iets van weet: “{title}”',
  'subject.theme_outcome': '{actor} vertelde wat er met “{title}” is gedaan',
  'subject.idea_status': 'Je idee “{title}” is nu: {status}',
  'subject.praised': '{actor} gaf je een compliment',
  'subject.event_reminder': 'Begint zo: “{title}”',
  'subject.other': 'Nieuw in Plein: {title}',
  'subject.digest': 'Wat je hebt gemist in Plein',
  where: 'in {community}',
  whereNone: 'als persoonlijke update',
  open: 'Openen in Plein',
  replyHint: 'Beantwoord deze mail om in Plein te reageren.',
  why: 'Je krijgt deze mail door je meldingsinstellingen.',
  settings: 'Wijzig wat Plein je mailt',
  unsubscribe: 'Afmelden voor deze mails',
  digestIntro: 'Het meest besproken in je groepen en thema’s sinds {since}:',
  digestItem: '{title} — {community}, {replies} reacties',
  forYou: 'Voor jou',
  'status.new': 'nieuw',
  'status.under_review': 'in behandeling',
  'status.planned': 'gepland',
  'status.done': 'gerealiseerd',
  'status.declined': 'afgewezen',
  someone: 'Iemand',
};

export type TextKey = keyof typeof en;
export const MAIL_TEXTS: Record<Locale, typeof en> = { en, nl };

export function say(locale: Locale, key: TextKey, values: Record<string, string | number> = {}): string {
  return MAIL_TEXTS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

export const hasText = (key: string): key is TextKey => key in en;
