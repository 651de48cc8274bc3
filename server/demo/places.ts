/** Where the demo organisation works: its offices (with their time zones) and its departments. */

export type Location = {
  name: string;
  timeZone: string;
  /** The language most people there write in. */
  locale: 'nl' | 'en';
  /** Share of the workforce. */
  share: number;
  /** Which pool of names people there are drawn from. */
  names: 'dutch' | 'flemish' | 'english' | 'singapore';
};

export const locations: Location[] = [
  { name: 'Amsterdam', timeZone: 'Europe/Amsterdam', locale: 'nl', share: 0.34, names: 'dutch' },
  { name: 'Rotterdam', timeZone: 'Europe/Amsterdam', locale: 'nl', share: 0.2, names: 'dutch' },
  { name: 'Antwerpen', timeZone: 'Europe/Brussels', locale: 'nl', share: 0.14, names: 'flemish' },
  { name: 'Londen', timeZone: 'Europe/London', locale: 'en', share: 0.19, names: 'english' },
  { name: 'Singapore', timeZone: 'Asia/Singapore', locale: 'en', share: 0.13, names: 'singapore' },
];

export type DepartmentKey =
  | 'directie'
  | 'engineering'
  | 'it'
  | 'support'
  | 'sales'
  | 'marketing'
  | 'finance'
  | 'hr'
  | 'operations'
  | 'legal'
  | 'product';

export type Department = {
  key: DepartmentKey;
  /** As stored on the profile. */
  name: string;
  share: number;
  director: string;
  manager: string;
  lead: string;
  members: string[];
  trainee: string;
  skills: string[];
  /** Which offices it has people in; the first one holds its director. */
  offices: string[];
};

export const departments: Department[] = [
  {
    key: 'directie',
    name: 'Directie',
    share: 0.01,
    director: 'CEO',
    manager: 'Chief of staff',
    lead: 'Strategy lead',
    members: ['Management assistant', 'Strategy analyst'],
    trainee: 'Management trainee',
    skills: ['Strategie', 'Leiderschap', 'Governance', 'Stakeholdermanagement'],
    offices: ['Amsterdam'],
  },
  {
    key: 'engineering',
    name: 'Engineering',
    share: 0.22,
    director: 'Director Engineering',
    manager: 'Engineering manager',
    lead: 'Tech lead',
    members: [
      'Software engineer',
      'Senior software engineer',
      'Platform engineer',
      'Site reliability engineer',
      'Test engineer',
      'Data engineer',
      'Front-end developer',
    ],
    trainee: 'Stagiair software engineering',
    skills: [
      'Kubernetes',
      'TypeScript',
      'Go',
      'PostgreSQL',
      'Observability',
      'Terraform',
      'React',
      'Security',
      'Kafka',
      'Helm',
    ],
    offices: ['Amsterdam', 'Rotterdam', 'Singapore', 'Londen'],
  },
  {
    key: 'it',
    name: 'IT',
    share: 0.05,
    director: 'Head of IT',
    manager: 'IT-manager',
    lead: 'Teamleider werkplek',
    members: ['IT-beheerder', 'Servicedeskmedewerker', 'Netwerkbeheerder', 'Identity engineer'],
    trainee: 'Stagiair ICT-beheer',
    skills: ['Identity management', 'Linux', 'Microsoft 365', 'Netwerken', 'Laptops', 'SSO', 'Security'],
    offices: ['Amsterdam', 'Antwerpen', 'Singapore'],
  },
  {
    key: 'support',
    name: 'Customer Operations',
    share: 0.19,
    director: 'Director Customer Operations',
    manager: 'Manager klantenservice',
    lead: 'Teamleider klantenservice',
    members: [
      'Klantenservicemedewerker',
      'Support engineer',
      'Customer success manager',
      'Senior klantenservicemedewerker',
      'Kennisbankredacteur',
    ],
    trainee: 'Stagiair klantenservice',
    skills: ['Customer service', 'Zendesk', 'Escalaties', 'Kennisbank', 'KPIs', 'Klantgesprekken'],
    offices: ['Londen', 'Rotterdam', 'Antwerpen', 'Singapore'],
  },
  {
    key: 'sales',
    name: 'Sales',
    share: 0.12,
    director: 'Commercieel directeur',
    manager: 'Sales manager',
    lead: 'Teamleider sales',
    members: ['Accountmanager', 'Key accountmanager', 'Bid manager', 'Sales engineer', 'Business developer'],
    trainee: 'Stagiair sales',
    skills: ['Tendering', 'Onderhandelen', 'CRM', 'Pricing', 'Aanbestedingen', 'Presenteren'],
    offices: ['Amsterdam', 'Antwerpen', 'Londen', 'Singapore'],
  },
  {
    key: 'marketing',
    name: 'Marketing',
    share: 0.06,
    director: 'Marketing director',
    manager: 'Marketing manager',
    lead: 'Teamleider content',
    members: ['Contentmarketeer', 'Campagnemanager', 'Designer', 'SEO-specialist', 'Communicatieadviseur'],
    trainee: 'Stagiair marketing',
    skills: ['Campagnes', 'Copywriting', 'SEO', 'Events', 'Interne communicatie', 'Design'],
    offices: ['Amsterdam', 'Londen'],
  },
  {
    key: 'finance',
    name: 'Finance',
    share: 0.06,
    director: 'CFO',
    manager: 'Finance manager',
    lead: 'Teamleider administratie',
    members: ['Controller', 'Boekhouder', 'Financieel analist', 'Crediteurenadministrateur'],
    trainee: 'Stagiair finance',
    skills: ['Forecasting', 'Excel', 'Inkoop', 'BTW', 'Jaarafsluiting', 'Business cases'],
    offices: ['Amsterdam', 'Rotterdam', 'Londen'],
  },
  {
    key: 'hr',
    name: 'HR',
    share: 0.05,
    director: 'HR director',
    manager: 'HR-manager',
    lead: 'Teamleider recruitment',
    members: ['HR-adviseur', 'Recruiter', 'Salarisadministrateur', 'L&D-specialist'],
    trainee: 'Stagiair HR',
    skills: ['Recruitment', 'Onboarding', 'Verzuim', 'Arbeidsrecht', 'Opleidingen', 'Salarissen'],
    offices: ['Amsterdam', 'Antwerpen', 'Londen', 'Singapore'],
  },
  {
    key: 'operations',
    name: 'Operations',
    share: 0.13,
    director: 'Director Operations',
    manager: 'Operations manager',
    lead: 'Teamleider logistiek',
    members: ['Planner', 'Logistiek medewerker', 'Facilitair medewerker', 'Inkoper', 'Kwaliteitsmedewerker'],
    trainee: 'Stagiair logistiek',
    skills: ['Planning', 'Lean', 'Inkoop', 'Veiligheid', 'Facilitair', 'ISO 9001'],
    offices: ['Rotterdam', 'Antwerpen', 'Singapore', 'Amsterdam'],
  },
  {
    key: 'legal',
    name: 'Legal',
    share: 0.03,
    director: 'General counsel',
    manager: 'Legal manager',
    lead: 'Senior jurist',
    members: ['Bedrijfsjurist', 'Privacy officer', 'Compliance officer', 'Contractmanager'],
    trainee: 'Stagiair legal',
    skills: ['Contracten', 'AVG', 'Compliance', 'Aanbestedingsrecht', 'Arbeidsrecht'],
    offices: ['Amsterdam', 'Londen'],
  },
  {
    key: 'product',
    name: 'Product',
    share: 0.08,
    director: 'Chief product officer',
    manager: 'Group product manager',
    lead: 'Lead product manager',
    members: ['Product manager', 'UX-researcher', 'Product designer', 'Product owner', 'Data analist'],
    trainee: 'Stagiair product',
    skills: ['Discovery', 'Roadmapping', 'UX-research', 'Analytics', 'Prototyping', 'Prioriteren'],
    offices: ['Amsterdam', 'Londen', 'Singapore'],
  },
];

export const departmentByKey = new Map(departments.map((d) => [d.key, d]));
export const departmentByName = new Map(departments.map((d) => [d.name, d]));
export const locationByName = new Map(locations.map((l) => [l.name, l]));
