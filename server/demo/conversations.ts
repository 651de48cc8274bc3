/** The demo organisation's conversations, in Dutch and English, spread over the past five weeks. */

type ReactionKind = 'like' | 'love' | 'celebrate' | 'insightful' | 'thanks' | 'laugh';
export type DemoReactions = Partial<Record<ReactionKind, string[]>>;

export type DemoReply = {
  /** To point at it as a parent or as the accepted answer. */
  key?: string;
  author: string;
  body: string;
  /** Minutes after the thread was posted. */
  after: number;
  parent?: string;
  reactions?: DemoReactions;
};

export type DemoThread = {
  /** Null: a personal update, or a company-wide announcement. */
  community: string | null;
  author: string;
  kind: 'discussion' | 'question' | 'announcement' | 'idea' | 'update' | 'article' | 'praise';
  title: string;
  body: string;
  daysAgo: number;
  replies: DemoReply[];
  reactions?: DemoReactions;
  /** A question's accepted answer (a reply key); the question is then answered. */
  accepted?: string;
  /** An idea that moved on from "new". */
  review?: { by: string; to: 'under_review' | 'planned' | 'done' | 'declined'; note: string; after: number };
};

export const conversations: DemoThread[] = [
  {
    community: null,
    author: 'eva.devries',
    kind: 'announcement',
    title: 'Welkom op Plein',
    body: `Vanaf vandaag praten we met elkaar op **Plein**: iedereen met iedereen, van Rotterdam tot Londen.

- Stel je vraag in een community in plaats van in een mail aan vijf mensen.
- Deel wat je leert, ook als het nog niet af is.
- Bedank collega's zichtbaar.

@marieke.deboer helpt iedereen op weg. Laat hieronder weten wat je van Plein verwacht! #plein`,
    daysAgo: 35,
    reactions: {
      celebrate: ['sanne.bakker', 'james.whitfield', 'marieke.deboer', 'pieter.jansen'],
      like: ['daan.smit', 'emily.carter'],
    },
    replies: [
      {
        author: 'marieke.deboer',
        body: 'Welkom allemaal! Vul je profiel aan met je vaardigheden, dan vinden collega’s je sneller.',
        after: 40,
        reactions: { like: ['eva.devries', 'noor.hendriks'] },
      },
      {
        author: 'emily.carter',
        body: 'Great to have one place for both offices. Looking forward to fewer email chains!',
        after: 95,
        reactions: { like: ['james.whitfield'] },
      },
      {
        author: 'pieter.jansen',
        body: 'Eindelijk. Ik begin meteen met de #kubernetes community.',
        after: 180,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'marieke.deboer',
    kind: 'discussion',
    title: 'Hoe maken we kennis makkelijker vindbaar?',
    body: `We beantwoorden dezelfde vragen vaak opnieuw. Wat zou helpen om bestaande antwoorden terug te vinden?

Ik denk zelf aan vaste #kennisdelen sessies en betere titels bij vragen.`,
    daysAgo: 30,
    reactions: { insightful: ['eva.devries', 'sanne.bakker'] },
    replies: [
      {
        key: 'titles',
        author: 'lucas.visser',
        body: 'Goede titels helpen echt. Een vraag die "Probleem" heet vindt niemand terug.',
        after: 30,
        reactions: { like: ['marieke.deboer', 'fatima.elamrani', 'pieter.jansen'] },
      },
      {
        author: 'fatima.elamrani',
        body: 'Eens met @lucas.visser. En markeer het antwoord dat werkte als geaccepteerd.',
        after: 75,
        parent: 'titles',
      },
      {
        author: 'oliver.hughes',
        body: 'In London we keep a short FAQ per product. Could we link those here?',
        after: 240,
      },
      {
        author: 'marieke.deboer',
        body: 'Goed idee @oliver.hughes, ik zet er een vaste plek voor op.',
        after: 300,
        parent: 'titles',
      },
    ],
  },
  {
    community: 'kubernetes',
    author: 'lucas.visser',
    kind: 'question',
    title: 'How do we roll out config changes without restarting every pod?',
    body: `We change feature flags in a ConfigMap a few times a week. Right now we restart the whole deployment.
Is there a better way? #kubernetes`,
    daysAgo: 28,
    accepted: 'reloader',
    reactions: { like: ['pieter.jansen'] },
    replies: [
      {
        key: 'reloader',
        author: 'fatima.elamrani',
        body: `Mount the ConfigMap as a volume and let the app watch the file: the kubelet updates it in place.
For apps that cannot reload, a checksum annotation on the pod template gives a controlled rolling restart.`,
        after: 25,
        reactions: { thanks: ['lucas.visser'], insightful: ['pieter.jansen', 'oliver.hughes'] },
      },
      {
        author: 'pieter.jansen',
        body: 'The checksum annotation is already in our Helm chart conventions, see the article I posted.',
        after: 50,
        parent: 'reloader',
      },
      {
        author: 'lucas.visser',
        body: 'Works like a charm, thanks @fatima.elamrani!',
        after: 200,
      },
    ],
  },
  {
    community: 'kubernetes',
    author: 'pieter.jansen',
    kind: 'article',
    title: 'Onze conventies voor Helm charts',
    body: `## Waarom

Elke service had zijn eigen chart-stijl. Dat maakt reviews traag.

## De afspraken

1. Eén chart per service, in de repository van de service.
2. Een checksum-annotatie op ConfigMaps en Secrets.
3. Resources en probes zijn verplicht.

Vragen? Stel ze hieronder. #helm #kubernetes`,
    daysAgo: 26,
    reactions: { insightful: ['fatima.elamrani', 'sanne.bakker', 'bram.mulder'] },
    replies: [
      {
        author: 'bram.mulder',
        body: 'Kunnen we punt 3 ook automatisch controleren in de pipeline?',
        after: 120,
      },
      {
        author: 'pieter.jansen',
        body: 'Ja, dat komt er deze sprint bij.',
        after: 150,
      },
    ],
  },
  {
    community: 'klantenservice-nl',
    author: 'daan.smit',
    kind: 'question',
    title: 'Retour bij een beschadigde levering: wie betaalt de verzending?',
    body: 'Een klant kreeg een beschadigd pakket. Sturen we een retourlabel of laten we het pakket ophalen?',
    daysAgo: 24,
    accepted: 'policy',
    replies: [
      {
        key: 'policy',
        author: 'noor.hendriks',
        body: 'Bij schade betalen wij altijd: stuur een gratis retourlabel en verstuur de vervanging meteen.',
        after: 12,
        reactions: { thanks: ['daan.smit'] },
      },
      {
        author: 'daan.smit',
        body: 'Duidelijk, dank je. Klant is geholpen.',
        after: 30,
      },
    ],
  },
  {
    community: 'klantenservice-nl',
    author: 'noor.hendriks',
    kind: 'discussion',
    title: 'Ons doel: elke klant binnen een uur een antwoord',
    body: `Vanaf volgende maand meten we hoe snel een klant een eerste antwoord of status krijgt. Doel: binnen een uur. #binnen1uur

Wat hebben jullie nodig om dat te halen?`,
    daysAgo: 21,
    reactions: { like: ['james.whitfield', 'daan.smit'] },
    replies: [
      {
        author: 'daan.smit',
        body: 'Snellere antwoorden van engineering als we vastlopen. Mogen we vragen direct in #kubernetes stellen?',
        after: 45,
      },
      {
        author: 'james.whitfield',
        body: 'Yes, please do. @lucas.visser can you keep an eye on questions from support?',
        after: 90,
      },
      {
        author: 'lucas.visser',
        body: 'Doe ik. Zet er #support in de tekst, dan volg ik die tag.',
        after: 110,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'oliver.hughes',
    kind: 'idea',
    title: 'Follow-the-sun support between Rotterdam and London',
    body: `London starts an hour later and stays an hour later. If we hand over open tickets at 17:00 Dutch time,
customers get answers for two more hours every day. #klantcontact #binnen1uur`,
    daysAgo: 19,
    review: {
      by: 'james.whitfield',
      to: 'under_review',
      note: 'Good one. Noor and I will try a two-week pilot with the evening handover.',
      after: 1440,
    },
    reactions: { like: ['noor.hendriks', 'emily.carter', 'daan.smit'], insightful: ['james.whitfield'] },
    replies: [
      {
        author: 'noor.hendriks',
        body: 'Goed idee. Dan moeten we wel één overdrachtsformaat afspreken.',
        after: 60,
      },
      {
        author: 'emily.carter',
        body: 'I can draft a handover template.',
        after: 130,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'pieter.jansen',
    kind: 'idea',
    title: 'Meer fietsenstallingen bij kantoor Rotterdam',
    body: 'Op dinsdag en donderdag is de stalling vol. Kunnen we de plekken bij de zij-ingang erbij nemen? #duurzaamheid',
    daysAgo: 16,
    reactions: { like: ['lucas.visser', 'daan.smit', 'noor.hendriks'] },
    replies: [
      {
        author: 'lucas.visser',
        body: 'Graag! Ik zet mijn fiets nu vaak bij de buren.',
        after: 20,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'emily.carter',
    kind: 'praise',
    title: '',
    body: 'A big thank you to @daan.smit for solving an urgent escalation for one of our UK customers within the hour! #binnen1uur',
    daysAgo: 14,
    reactions: { celebrate: ['james.whitfield', 'noor.hendriks', 'oliver.hughes'], love: ['daan.smit'] },
    replies: [
      {
        author: 'daan.smit',
        body: 'Teamwork met @oliver.hughes, hij vond de oorzaak.',
        after: 35,
      },
    ],
  },
  {
    community: 'board',
    author: 'eva.devries',
    kind: 'discussion',
    title: 'Strategie: uitbreiding naar Duitsland',
    body: 'Vertrouwelijk. Ik wil voor het kwartaaloverleg jullie eerste inschatting: kunnen we in het voorjaar starten?',
    daysAgo: 12,
    replies: [
      {
        author: 'james.whitfield',
        body: 'Support can scale if we hire two German speakers in Rotterdam first.',
        after: 120,
      },
      {
        author: 'sanne.bakker',
        body: 'Technisch geen bezwaar; de platformkant is klaar voor een extra regio.',
        after: 200,
      },
    ],
  },
  {
    community: 'kubernetes',
    author: 'sanne.bakker',
    kind: 'announcement',
    title: 'Cluster-upgrade zaterdag',
    body: 'Zaterdag tussen 08:00 en 10:00 upgraden we de productieclusters. @fatima.elamrani leidt de upgrade. #kubernetes #onderhoud',
    daysAgo: 10,
    reactions: { like: ['fatima.elamrani', 'pieter.jansen', 'bram.mulder'] },
    replies: [
      {
        author: 'oliver.hughes',
        body: 'Thanks for the heads-up, I will tell our UK customers.',
        after: 65,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'james.whitfield',
    kind: 'discussion',
    title: 'What is one thing that slows you down every week?',
    body: 'No wrong answers. I will read every reply and come back with what we change. #werkplezier',
    daysAgo: 8,
    reactions: { like: ['eva.devries', 'marieke.deboer'] },
    replies: [
      {
        author: 'daan.smit',
        body: 'Zoeken in drie systemen naar de orderstatus.',
        after: 50,
        reactions: { like: ['noor.hendriks', 'oliver.hughes'] },
      },
      {
        author: 'oliver.hughes',
        body: 'Waiting for access requests to be approved.',
        after: 140,
      },
      {
        author: 'bram.mulder',
        body: '@oliver.hughes toegangsverzoeken gaan volgende maand via SSO-groepen, dat scheelt dagen.',
        after: 190,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'emily.carter',
    kind: 'question',
    title: 'How long may we keep support tickets under GDPR?',
    body: 'A UK customer asks how long we retain their ticket history. Does anyone know our retention period? #gdpr',
    daysAgo: 5,
    replies: [],
  },
  {
    community: 'kubernetes',
    author: 'daan.smit',
    kind: 'question',
    title: 'Welke ingress controller gebruiken we in productie?',
    body: 'Een klant vraagt welke TLS-versies we ondersteunen. Hangt dat af van de ingress? #support',
    daysAgo: 3,
    replies: [
      {
        author: 'pieter.jansen',
        body: 'We draaien ingress-nginx; TLS 1.2 en 1.3. Ik zoek de precieze configuratie nog op.',
        after: 90,
      },
    ],
  },
  {
    community: null,
    author: 'fatima.elamrani',
    kind: 'update',
    title: '',
    body: 'Net geslaagd voor mijn CKA-examen! Dank aan iedereen die met me oefende. #kubernetes',
    daysAgo: 2,
    reactions: { celebrate: ['sanne.bakker', 'pieter.jansen', 'lucas.visser', 'marieke.deboer'] },
    replies: [
      {
        author: 'sanne.bakker',
        body: 'Gefeliciteerd, Fatima!',
        after: 15,
      },
    ],
  },
  {
    community: 'iedereen',
    author: 'sanne.bakker',
    kind: 'praise',
    title: '',
    body: 'Dank aan @fatima.elamrani en @pieter.jansen: de cluster-upgrade van zaterdag verliep zonder één seconde downtime.',
    daysAgo: 1,
    reactions: { celebrate: ['eva.devries', 'bram.mulder', 'oliver.hughes'] },
    replies: [],
  },
];
