/** What the demo's strategic themes ask, and what their owners reported back, in Dutch and English. */

export type ThemeText = {
  title: string;
  question: string;
  why: string;
  /** Outcome updates in order, Markdown. */
  outcomes: string[];
};

export type ThemeKey = 'response' | 'stop' | 'sustainable' | 'asia' | 'automation';

export const themeTexts: Record<ThemeKey, Record<'nl' | 'en', ThemeText>> = {
  response: {
    nl: {
      title: 'Elke klant binnen het uur een antwoord',
      question:
        'Wat houdt ons tegen om elke klant binnen een uur een antwoord of een status te geven, en wat moeten we als eerste veranderen?',
      why: 'Klanten die langer dan een uur wachten, bellen opnieuw, escaleren of vertrekken. De NPS-opmerkingen zeggen het elke maand. We willen het horen van de mensen die klanten te woord staan, en van iedereen van wie zij afhankelijk zijn.',
      outcomes: [
        '**Wat we met jullie inbreng hebben gedaan**\n\nDrie dingen kwamen steeds terug:\n\n- Escalaties blijven hangen omdat niemand weet wie er dienst heeft. Vanaf maandag staat de dienstdoende engineer in de supporttools.\n- De piek op maandagochtend: per kantoor starten twee collega’s voortaan een uur eerder.\n- Dezelfde vragen komen telkens terug. Het kennisbankteam zet elke week de top 10 bovenaan.\n\nEn we hebben er een doel van gemaakt: *klantvragen binnen een uur beantwoord*. Je volgt het op de doelpagina.',
        '**Drie maanden later**\n\nHet één-uur-doel halen we nu in de meeste weken. De vroege dienst blijft, de incidentrol per dienst is vast. Nog open: terugbellen na 17:00. Dat proberen we volgende maand eerst in Rotterdam. Dank aan iedereen die meedacht!',
      ],
    },
    en: {
      title: 'Answering every customer within the hour',
      question:
        'What stops us from giving every customer an answer or a status within one hour, and what should we change first?',
      why: 'Customers who wait longer than an hour call again, escalate or leave. The NPS comments say so every month. We want to hear from the people who answer customers, and from everyone they depend on.',
      outcomes: [
        '**What we did with your input**\n\nThree things kept coming back:\n\n- Escalations stall because nobody knows who is on call. From Monday the on-call engineer is shown in the support tools.\n- The Monday-morning peak: two colleagues per office now start an hour earlier.\n- The same questions keep coming back. The knowledge base team pins the top 10 every week.\n\nWe also made it a goal: *customer questions answered within an hour*. Follow it on the goal page.',
        '**Three months on**\n\nWe now meet the one-hour goal in most weeks. The early shift stays and the incident role per shift is permanent. Still open: callbacks after 5 pm, which we will try in Rotterdam first next month. Thanks to everyone who joined in!',
      ],
    },
  },
  stop: {
    nl: {
      title: 'Waar moeten we mee stoppen?',
      question:
        'Welk overleg, rapport of proces kost ons meer dan het oplevert, en waar moeten we dit jaar mee stoppen?',
      why: 'We beginnen steeds nieuwe dingen, maar stoppen zelden ergens mee. Wie het werk doet, weet het best wat weg kan.',
      outcomes: [
        '**Wat we ermee hebben gedaan**\n\nDank voor alle reacties. De directie heeft besloten:\n\n1. Het weekrapport per afdeling verdwijnt; de cijfers staan voortaan live in het dashboard.\n2. Overleg zonder agenda gaat niet door, en maandag is vergadervrij tot 11:00.\n3. Declaraties onder € 250 hoeven niet meer vooraf goedgekeurd te worden.\n\nOver drie maanden kijken we of het werkt. Dit thema sluiten we; nieuwe ideeën zijn welkom in de Ideeënbus.',
      ],
    },
    en: {
      title: 'What should we stop doing?',
      question:
        'Which meeting, report or process costs us more than it gives, and what should we stop doing this year?',
      why: 'We keep starting new things but rarely stop anything. The people who do the work know best what can go.',
      outcomes: [
        '**What we did with it**\n\nThank you for all the replies. The management team decided:\n\n1. The weekly report per department goes; the figures are live in the dashboard instead.\n2. Meetings without an agenda are cancelled, and Monday is meeting-free until 11:00.\n3. Expenses under €250 no longer need approval up front.\n\nWe will check in three months whether it works. We are closing this theme; new ideas are welcome in the Ideas box.',
      ],
    },
  },
  sustainable: {
    nl: {
      title: 'Onze CO₂-uitstoot gehalveerd in 2028',
      question:
        'Hoe halveren we de uitstoot van ons vervoer en onze kantoren vóór 2028, en wat kan elk team daar zelf aan doen?',
      why: 'Klanten vragen er in elke tender naar en nieuwe collega’s kiezen er bewust voor. We hebben ideeën van de werkvloer nodig, niet alleen een beleidsplan.',
      outcomes: [],
    },
    en: {
      title: 'Halving our carbon emissions by 2028',
      question:
        'How do we halve the emissions of our transport and offices before 2028, and what can each team do about it itself?',
      why: 'Customers ask about it in every tender and new colleagues choose us for it. We need ideas from the shop floor, not just a policy document.',
      outcomes: [],
    },
  },
  asia: {
    nl: {
      title: 'Groeien in Azië',
      question:
        'Wat hebben onze klanten in Azië van ons nodig dat ze nu niet krijgen, en wat maakt ons team in Singapore sterker?',
      why: 'Azië is onze snelst groeiende regio, maar we runnen het als een buitenpost van Europa: tijdzones, supporturen en contracten zijn allemaal Europees.',
      outcomes: [
        '**Wat we hoorden, en wat er nu gebeurt**\n\n- Supporturen: vanaf volgende maand is Support APAC bereikbaar van 08:00 tot 20:00 Singaporese tijd.\n- Contracten: Legal maakt een modelcontract naar Singaporees recht.\n- Kennis: collega’s in Singapore krijgen de accountplannen van de grote klanten, vertaald.\n\nDe vraag blijft open: blijf vooral posten.',
      ],
    },
    en: {
      title: 'Growing in Asia',
      question:
        'What do our customers in Asia need from us that they do not get today, and what would make our Singapore team stronger?',
      why: 'Asia is our fastest-growing region, but we run it as an outpost of Europe: time zones, support hours and contracts are all European.',
      outcomes: [
        '**What we heard, and what happens next**\n\n- Support hours: from next month Support APAC covers 08:00–20:00 Singapore time.\n- Contracts: Legal is drafting a template under Singapore law.\n- Knowledge: colleagues in Singapore get the key-account plans, translated.\n\nThe question stays open: keep posting.',
      ],
    },
  },
  automation: {
    nl: {
      title: 'Welk werk automatiseren we als eerste?',
      question:
        'Welk terugkerend handwerk kost jouw team de meeste tijd, en wat levert het op als we dat automatiseren?',
      why: 'We hebben dit jaar budget voor één groot automatiseringsproject. We kiezen het liefst wat de meeste mensen de meeste tijd bespaart.',
      outcomes: [
        '**Eerste keuze gemaakt**\n\nHandmatige releases en het aanvragen van accounts voor nieuwe collega’s kwamen het vaakst terug. We beginnen met één gedeelde pipeline voor alle services; het platformteam trekt het. Accountaanvragen volgen in het derde kwartaal. Blijf meedenken: waar zit jouw handwerk nog?',
      ],
    },
    en: {
      title: 'Which work should we automate first?',
      question:
        'Which recurring manual work costs your team the most time, and what would automating it give us?',
      why: 'This year we have budget for one large automation project. We would rather pick what saves the most people the most time.',
      outcomes: [
        '**First choice made**\n\nManual releases and requesting accounts for new colleagues came up most often. We start with one shared pipeline for all services, led by the platform team. Account requests follow in the third quarter. Keep the ideas coming: where is your manual work?',
      ],
    },
  },
};

/** The owner's opening discussion in the company-wide community. */
export function kickoff(language: 'nl' | 'en', text: Pick<ThemeText, 'question' | 'why'>): string {
  return language === 'nl'
    ? `${text.question}\n\n${text.why}\n\nReageer hier, of begin een gesprek in je eigen community en koppel het aan dit thema. Ik lees alles en kom terug met wat we ermee doen.`
    : `${text.question}\n\n${text.why}\n\nReply here, or start a conversation in your own community and link it to this theme. I read everything and will report back on what we do with it.`;
}
