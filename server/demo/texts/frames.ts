/**
 * Sentence frames per kind of post and language. Slots ({subject}, {detail}, {mention} …) are filled from the
 * vocabulary of the community's field (texts/fields-*.ts), so the same frame reads right in every department.
 */

export type Frames = {
  questionTitle: string[];
  questionBody: string[];
  answer: string[];
  otherReply: string[];
  thanks: string[];
  discussionTitle: string[];
  discussionBody: string[];
  discussionReply: string[];
  ideaTitle: string[];
  ideaBody: string[];
  ideaReply: string[];
  announcementTitle: string[];
  announcementBody: string[];
  announcementReply: string[];
  praise: string[];
  praiseReply: string[];
  update: string[];
  statusNote: Record<'under_review' | 'planned' | 'done' | 'declined', string[]>;
  /** What narrows a subject down ({facet}): the same subject asked about again is asked about something else. */
  facets: string[];
  /** The organisation's teams ({team}), in the same order in both languages. */
  teams: string[];
};

export const nlFrames: Frames = {
  questionTitle: [
    'Hoe pakken jullie {subject} aan?',
    'Iemand ervaring met {subject}?',
    'Vraag over {subject}',
    'Wie weet hoe het zit met {subject}?',
    '{Subject}: hoe doen we dat nu?',
    'Snelle vraag: {subject}',
    'Vraag over {subject} {facet}',
    'Hoe regelen jullie {subject} {facet}?',
    'Wie weet hoe het zit met {subject} {facet}?',
    'Iemand ervaring met {subject} {facet}?',
    '{Subject} {facet}: waar moet ik zijn?',
  ],
  questionBody: [
    '{detail}\n\nHeeft iemand dit eerder gedaan? Ik wil het niet voor de tweede keer uitzoeken. {tag}',
    'Ik loop vast op {subject}. {detail}\n\nTips zijn welkom, ook als het maar half past.',
    '{detail} Weet iemand wie hier de eigenaar van is? Misschien {mention}? {tag}',
    'Klant vraagt ernaar en ik heb vandaag nog een antwoord nodig. {detail}',
    'Het gaat om {subject} {facet}. {detail}\n\nWie kan me op weg helpen? {tag}',
    'Ik zoek al een uur naar hoe het zit met {subject} {facet}, maar vind het nergens. {mention}, weet jij het?',
  ],
  answer: [
    'Ja, dat hebben we vorige maand ook gehad. {fix}',
    '{fix} Zo doen wij het in {office} in ieder geval.',
    'Kort antwoord: {fix}\n\nLangere versie staat in de kennisbank, ik zoek de link even op.',
    'Ik denk dat {mention} hier meer van weet, maar bij ons werkte dit: {fix}',
    '{fix} Laat even weten of het lukt!',
  ],
  otherReply: [
    'Goede vraag, hier ook benieuwd.',
    '+1, daar lopen wij ook tegenaan.',
    'Ik heb het doorgezet naar {mention}, die zit er dichter op.',
    'Geen idee, maar volg mee. Als je het antwoord hebt, zet je het hier?',
    'Hebben we dit niet al eens besproken? Ik kan het niet meer terugvinden.',
  ],
  thanks: [
    'Top, dat werkte. Dank je!',
    'Helder, dank voor het snelle antwoord.',
    'Gelukt. Ik zet het ook in de kennisbank.',
    'Dank! Dit scheelt me een middag uitzoeken.',
  ],
  discussionTitle: [
    'Hoe kijken jullie naar {subject}?',
    '{Subject}: tijd voor iets anders?',
    'Wat vinden jullie van {subject}?',
    'Even sparren over {subject}',
    'Hoe kijken jullie naar {subject} {facet}?',
    '{Subject} {facet}: tijd voor iets anders?',
    'Even sparren over {subject} {facet}',
    'Wat vinden jullie van {subject} {facet}?',
  ],
  discussionBody: [
    '{point}\n\nIk ben benieuwd hoe dat bij andere teams gaat. {tag}',
    '{point} {detail}\n\nHerkennen jullie dit? {mention}, jij had hier laatst ook iets over gezegd.',
    'Even terugkomend op het overleg van {day}. {point}\n\nWat is jullie ervaring?',
    'Over {subject} {facet}: {point}\n\n{detail} Hoe zien jullie dat? {tag}',
  ],
  discussionReply: [
    'Herkenbaar. {point}',
    'Eens met {author}. Bij ons in {office} speelt hetzelfde.',
    'Ik zie het iets anders. {point}',
    'Goed dat je dit aankaart. Zullen we er {day} kort over bellen?',
    '{fix}',
    'Mooi punt, {author}. Ik neem het mee naar ons teamoverleg.',
  ],
  ideaTitle: ['Idee: {idea}', 'Voorstel: {idea}', 'Wat als we {idea}?', 'Zullen we {idea}?'],
  ideaBody: [
    '{point}\n\nMijn voorstel: {idea}. Het kost weinig en we kunnen het eerst een maand proberen. {tag}',
    'Ik loop hier al een tijdje mee rond. {point} Wat als we {idea}? Reacties welkom!',
    'Na het overleg van {day} bleef dit hangen: we kunnen {idea}. {detail}\n\nWie doet mee met een proef in {office}? {tag}',
  ],
  ideaReply: [
    'Goed idee! Wil je helpen het uit te werken?',
    'Ik zou het eerst klein proberen, bijvoorbeeld met één team in {office}.',
    'Leuk, maar wie gaat het onderhouden?',
    'Sterk voorstel. {mention}, is dit iets voor jullie roadmap?',
    'Doen! Ik meld me aan als proefkonijn.',
  ],
  announcementTitle: [
    '{News}',
    'Nieuw: {news}',
    'Belangrijk: {news}',
    'Terugblik op {month}: {news}',
    'Nieuws uit {office}: {news}',
    'Ter info ({month}): {news}',
  ],
  announcementBody: [
    '{News}.\n\n{detail}\n\nVragen? Stel ze hieronder, dan beantwoorden we ze hier zodat iedereen het ziet. {tag}',
    'Beste collega’s,\n\n{News}. Dank aan iedereen die heeft meegedacht, in het bijzonder {mention}. {tag}',
  ],
  announcementReply: [
    'Mooi nieuws!',
    'Duidelijk, dank voor de update.',
    'Geldt dit ook voor {office}?',
    'Fijn dat dit geregeld is. Wanneer horen we meer?',
    'Goed dat het hier staat en niet in de zoveelste mail.',
  ],
  praise: [
    'Een grote dank je wel aan {mention} voor {achievement}! 🙌 {tag}',
    'Shout-out voor {mention}: {achievement}. Zo hoort het. {tag}',
    'Even zichtbaar maken: wat {mention} deze maand aan {subject} heeft gedaan. Top!',
  ],
  praiseReply: ['Verdiend!', 'Helemaal mee eens, goed werk.', 'Zo mooi om te zien.', '👏👏'],
  update: [
    'Deze week gewerkt aan {subject}. {point}',
    'Vandaag in {office}: {detail}',
    'Klein succesje: {achievement}.',
  ],
  statusNote: {
    under_review: [
      'We bekijken dit in het eerstvolgende overleg.',
      'Mooi voorstel, we zoeken uit wat het kost.',
    ],
    planned: ['Staat op de planning voor het volgende kwartaal.', 'Akkoord, we gaan dit oppakken.'],
    done: ['Staat live. Dank voor het idee!', 'Ingevoerd sinds vorige week.'],
    declined: [
      'Niet nu: het past niet in de prioriteiten van dit jaar.',
      'We doen het anders, zie de aankondiging.',
    ],
  },
  teams: [
    'Engineering',
    'IT',
    'Klantenservice',
    'Sales',
    'Marketing',
    'Finance',
    'HR',
    'Operations',
    'Legal',
    'Product',
  ],
  facets: [
    'sinds de laatste update',
    'voor nieuwe collega’s',
    'in {office}',
    'deze maand',
    'na de reorganisatie',
    'bij grote klanten',
    'in drukke weken',
    'voor het volgende kwartaal',
    'met externe partners',
    'op maandagochtend',
    'voor het hele team',
    'na de zomervakantie',
    'in {month}',
    'tussen de kantoren',
    'zonder extra budget',
    'op de nieuwe laptops',
  ],
};

export const enFrames: Frames = {
  questionTitle: [
    'How do you handle {subject}?',
    'Anyone have experience with {subject}?',
    'Question about {subject}',
    'Who knows how {subject} works now?',
    '{Subject}: what is the current process?',
    'Quick one: {subject}',
    'Question about {subject} {facet}',
    'How do you arrange {subject} {facet}?',
    'Who knows how {subject} works {facet}?',
    'Anyone have experience with {subject} {facet}?',
    '{Subject} {facet}: who do I ask?',
  ],
  questionBody: [
    "{detail}\n\nHas anyone done this before? I'd rather not figure it out twice. {tag}",
    "I'm stuck on {subject}. {detail}\n\nAny pointers welcome, even partial ones.",
    '{detail} Does anyone know who owns this? Maybe {mention}? {tag}',
    'A customer is asking and I need an answer today. {detail}',
    "It's about {subject} {facet}. {detail}\n\nCan anyone point me in the right direction? {tag}",
    "I've spent an hour looking for how {subject} works {facet} and can't find it anywhere. {mention}, do you know?",
  ],
  answer: [
    'Yes, we ran into the same thing last month. {fix}',
    "{fix} That's how we do it in {office}, at least.",
    "Short answer: {fix}\n\nThe longer version is in the knowledge base, I'll dig up the link.",
    '{mention} probably knows more, but this worked for us: {fix}',
    '{fix} Let me know if that does it!',
  ],
  otherReply: [
    'Good question, following.',
    '+1, we hit the same issue.',
    "I've passed this on to {mention}, who's closer to it.",
    "No idea, but I'm curious too. Could you post the answer here once you have it?",
    "Didn't we discuss this before? I can't find it anymore.",
  ],
  thanks: [
    'That worked, thanks!',
    'Clear, thanks for the quick answer.',
    "Sorted. I'll add it to the knowledge base as well.",
    'Thanks! That saves me an afternoon of digging.',
  ],
  discussionTitle: [
    'How do you feel about {subject}?',
    '{Subject}: time for a change?',
    'Thoughts on {subject}?',
    'Sounding board: {subject}',
    'How do you feel about {subject} {facet}?',
    '{Subject} {facet}: time for a change?',
    'Sounding board: {subject} {facet}',
    'Thoughts on {subject} {facet}?',
  ],
  discussionBody: [
    "{point}\n\nI'm curious how this works in other teams. {tag}",
    '{point} {detail}\n\nDoes this sound familiar? {mention}, you mentioned something similar recently.',
    "Picking up from {day}'s meeting. {point}\n\nWhat's your experience?",
    'On {subject} {facet}: {point}\n\n{detail} How do you see it? {tag}',
  ],
  discussionReply: [
    'Sounds familiar. {point}',
    'Agree with {author}. Same story in {office}.',
    'I see it a bit differently. {point}',
    'Glad you raised this. Shall we have a quick call about it on {day}?',
    '{fix}',
    "Good point, {author}. I'll take it to our team meeting.",
  ],
  ideaTitle: ['Idea: {idea}', 'Proposal: {idea}', 'What if we {idea}?', 'Shall we {idea}?'],
  ideaBody: [
    "{point}\n\nMy proposal: {idea}. It's cheap and we could trial it for a month first. {tag}",
    "I've been thinking about this for a while. {point} What if we {idea}? Feedback welcome!",
    "This stuck with me after {day}'s meeting: we could {idea}. {detail}\n\nWho wants to join a trial in {office}? {tag}",
  ],
  ideaReply: [
    'Great idea! Want help writing it up?',
    "I'd start small, say with one team in {office}.",
    'Nice, but who will maintain it?',
    'Strong proposal. {mention}, is this one for your roadmap?',
    "Let's do it! Happy to be a guinea pig.",
  ],
  announcementTitle: [
    '{News}',
    'New: {news}',
    'Important: {news}',
    '{Month} in review: {news}',
    'News from {office}: {news}',
    'For your information ({month}): {news}',
  ],
  announcementBody: [
    "{News}.\n\n{detail}\n\nQuestions? Ask them below and we'll answer here so everyone can see. {tag}",
    'Dear colleagues,\n\n{News}. Thanks to everyone who helped shape this, especially {mention}. {tag}',
  ],
  announcementReply: [
    'Great news!',
    'Clear, thanks for the update.',
    'Does this apply to {office} as well?',
    'Good to have this sorted. When will we hear more?',
    'Glad this is posted here and not in yet another email.',
  ],
  praise: [
    'A big thank you to {mention} for {achievement}! 🙌 {tag}',
    'Shout-out to {mention}: {achievement}. That is how it is done. {tag}',
    'Making this visible: what {mention} did on {subject} this month. Great work!',
  ],
  praiseReply: ['Well deserved!', 'Totally agree, great work.', 'Lovely to see this.', '👏👏'],
  update: [
    'Spent this week on {subject}. {point}',
    'Today in {office}: {detail}',
    'Small win: {achievement}.',
  ],
  statusNote: {
    under_review: ["We'll discuss this at the next review.", "Nice proposal, we're looking into the cost."],
    planned: ["It's planned for next quarter.", "Approved, we'll pick this up."],
    done: ["It's live. Thanks for the idea!", 'In place since last week.'],
    declined: [
      "Not now: it doesn't fit this year's priorities.",
      "We're solving it differently, see the announcement.",
    ],
  },
  teams: [
    'Engineering',
    'IT',
    'Customer Support',
    'Sales',
    'Marketing',
    'Finance',
    'HR',
    'Operations',
    'Legal',
    'Product',
  ],
  facets: [
    'since the last update',
    'for new colleagues',
    'in {office}',
    'this month',
    'after the reorganisation',
    'for large customers',
    'in busy weeks',
    'for next quarter',
    'with external partners',
    'on Monday mornings',
    'for the whole team',
    'after the summer holidays',
    'in {month}',
    'between the offices',
    'without extra budget',
    'on the new laptops',
  ],
};
