/** The demo organisation's people: offices, departments and a manager hierarchy, drawn from a seed. */
import { handleOf, namePools } from './names.js';
import { type Department, departments, type Location, locationByName } from './places.js';
import type { Random } from './random.js';

/** Every demo person signs in with this password. Demo only: never use demo mode for real people. */
export const DEMO_PASSWORD = 'plein-demo-2026';
export const DEMO_EMAIL_DOMAIN = 'plein.example';

export type Level = 1 | 2 | 3 | 4 | 5 | 6;

export type DemoPerson = {
  /** 1-based, in insert order: managers come before their reports. */
  id: number;
  handle: string;
  name: string;
  firstName: string;
  title: string;
  department: Department;
  location: Location;
  manager: DemoPerson | null;
  /** 1 is the CEO; 6 are trainees under a senior colleague. */
  level: Level;
  leader: boolean;
  role: 'member' | 'community_manager' | 'admin';
  skills: string[];
  bio: string;
  /** The language they write in; not saved as their interface language, which follows their browser. */
  locale: 'nl' | 'en';
  /** How much they write, relative to others: a few people write most of it. */
  voice: number;
  /** Days before now they joined (the network opened six months ago; some joined later). */
  joinedDaysAgo: number;
  /** Hours after joining that they first signed in; null: provisioned but never signed in (funnel.ts). */
  activatedAfterHours: number | null;
  avatarUrl: string | null;
};

/** People the README and the browser tests name: they always exist, in these roles. */
type Anchor = {
  first: string;
  last: string;
  department: Department['key'];
  location: string;
  level: Level;
  title?: string;
  role?: DemoPerson['role'];
  locale?: 'nl' | 'en';
};

const anchors: Anchor[] = [
  { first: 'Eva', last: 'de Vries', department: 'directie', location: 'Amsterdam', level: 1, title: 'CEO' },
  { first: 'Sanne', last: 'Bakker', department: 'engineering', location: 'Amsterdam', level: 2 },
  { first: 'James', last: 'Whitfield', department: 'support', location: 'Londen', level: 2 },
  {
    first: 'Marieke',
    last: 'de Boer',
    department: 'marketing',
    location: 'Amsterdam',
    level: 5,
    title: 'Community manager',
    role: 'community_manager',
  },
  {
    first: 'Bram',
    last: 'Mulder',
    department: 'it',
    location: 'Amsterdam',
    level: 5,
    title: 'IT-beheerder',
    role: 'admin',
  },
  {
    first: 'Fatima',
    last: 'El Amrani',
    department: 'engineering',
    location: 'Amsterdam',
    level: 5,
    title: 'Site reliability engineer',
  },
  {
    first: 'Pieter',
    last: 'Jansen',
    department: 'engineering',
    location: 'Rotterdam',
    level: 5,
    title: 'Platform engineer',
  },
  {
    first: 'Lucas',
    last: 'Visser',
    department: 'engineering',
    location: 'Rotterdam',
    level: 5,
    title: 'Software engineer',
  },
  { first: 'Noor', last: 'Hendriks', department: 'support', location: 'Rotterdam', level: 4 },
  {
    first: 'Daan',
    last: 'Smit',
    department: 'support',
    location: 'Rotterdam',
    level: 5,
    title: 'Klantenservicemedewerker',
  },
  {
    first: 'Emily',
    last: 'Carter',
    department: 'support',
    location: 'Londen',
    level: 5,
    title: 'Customer success manager',
  },
  {
    first: 'Oliver',
    last: 'Hughes',
    department: 'support',
    location: 'Londen',
    level: 5,
    title: 'Support engineer',
  },
];

export const ANCHOR_HANDLES = anchors.map((a) => handleOf(a.first, a.last));

const TEAM_SIZE = 8;
const TEAMS_PER_MANAGER = 5;
const LEADER_SHARE = 0.05;

/**
 * Draws `count` people: a CEO, a director per department, managers per office, team leads, members and a
 * few trainees; about 5% are leaders. The same random source gives the same people.
 */
export function generatePeople(random: Random, count: number): DemoPerson[] {
  const builder = new PeopleBuilder(random);
  const ceoAnchor = anchors[0]!;
  const ceo = builder.add(
    { department: 'directie', location: 'Amsterdam', level: 1, manager: null },
    ceoAnchor,
  );
  const headcounts = shares(
    count - 1,
    departments.map((d) => d.share),
  );
  for (const [i, department] of departments.entries()) {
    builder.department(department, headcounts[i]!, ceo);
  }
  builder.promoteLeaders(Math.round(count * LEADER_SHARE));
  return builder.people;
}

class PeopleBuilder {
  readonly people: DemoPerson[] = [];
  private readonly handles = new Set<string>();
  private readonly unplaced = [...anchors.slice(1)];

  constructor(private readonly random: Random) {}

  department(department: Department, headcount: number, ceo: DemoPerson): void {
    if (department.key === 'directie') {
      // The CEO's own office: a chief of staff reporting to the CEO, and assistants and analysts under them.
      // Titled here: the department's level-2 title is the CEO's own, and there is one CEO.
      const staff = this.add({
        department: department.key,
        location: 'Amsterdam',
        level: 2,
        manager: ceo,
        title: department.manager,
      });
      for (let i = 1; i < headcount; i++) {
        const title = department.members[(i - 1) % department.members.length]!;
        this.add({ department: department.key, location: 'Amsterdam', level: 3, manager: staff, title });
      }
      return;
    }
    const director = this.add({
      department: department.key,
      location: department.offices[0]!,
      level: 2,
      manager: ceo,
    });
    const perOffice = shares(
      headcount - 1,
      department.offices.map((office) => locationByName.get(office)!.share),
    );
    for (const [i, office] of department.offices.entries()) {
      this.office(department, office, perOffice[i]!, director);
    }
  }

  /** One department in one office: managers, their team leads, members, and a few trainees. */
  private office(department: Department, office: string, headcount: number, director: DemoPerson): void {
    if (headcount <= 0) return;
    const teams = Math.max(1, Math.round(headcount / (TEAM_SIZE + 1)));
    const managers = Math.max(1, Math.round(teams / TEAMS_PER_MANAGER));
    let left = headcount;
    const managerRows: DemoPerson[] = [];
    // Small offices have no manager of their own: their team leads report to the director.
    if (headcount > TEAM_SIZE * 2) {
      for (let i = 0; i < managers && left > 0; i++, left--) {
        managerRows.push(
          this.add({ department: department.key, location: office, level: 3, manager: director }),
        );
      }
    }
    const leads: DemoPerson[] = [];
    for (let i = 0; i < teams && left > 0; i++, left--) {
      const manager = managerRows.length > 0 ? managerRows[i % managerRows.length]! : director;
      leads.push(this.add({ department: department.key, location: office, level: 4, manager }));
    }
    const members: DemoPerson[] = [];
    for (let i = 0; left > 0; i++, left--) {
      const lead = leads[i % leads.length]!;
      // About one in twenty newcomers is a trainee under a senior member of the team.
      const seniors = members.filter((m) => m.manager === lead);
      if (seniors.length > 2 && this.random.chance(0.05)) {
        this.add({
          department: department.key,
          location: office,
          level: 6,
          manager: this.random.pick(seniors),
        });
        continue;
      }
      members.push(this.add({ department: department.key, location: office, level: 5, manager: lead }));
    }
  }

  add(
    slot: {
      department: Department['key'];
      location: string;
      level: Level;
      manager: DemoPerson | null;
      title?: string;
    },
    anchor: Anchor | undefined = this.takeAnchor(slot),
  ): DemoPerson {
    const random = this.random;
    const department = departments.find((d) => d.key === slot.department)!;
    const location = locationByName.get(slot.location)!;
    const pool = namePools[location.names];
    const first = anchor?.first ?? random.pick(pool.first);
    const last = anchor?.last ?? random.pick(pool.last);
    let handle = handleOf(first, last);
    for (let n = 2; this.handles.has(handle); n++) handle = `${handleOf(first, last)}${n}`;
    this.handles.add(handle);
    const title = anchor?.title ?? slot.title ?? titleFor(random, department, slot.level);
    const skills = random.sample(department.skills, random.int(2, 4));
    // Expats in the Dutch-speaking offices write English; some Londoners and Singaporeans read Dutch.
    const locale =
      anchor?.locale ?? (random.chance(0.1) ? (location.locale === 'nl' ? 'en' : 'nl') : location.locale);
    const person: DemoPerson = {
      id: this.people.length + 1,
      handle,
      name: `${first} ${last}`,
      firstName: first,
      title,
      department,
      location,
      manager: slot.manager,
      level: slot.level,
      leader: slot.level <= 2 || (slot.level === 3 && department.key !== 'directie'),
      role: anchor?.role ?? 'member',
      skills,
      bio: bioFor(random, locale, title, location.name, skills),
      locale,
      voice: anchor ? 3 : random.logNormal(1, 0.9),
      joinedDaysAgo: random.chance(0.85) ? 183 : random.int(20, 170),
      activatedAfterHours: 0,
      avatarUrl: null,
    };
    this.people.push(person);
    return person;
  }

  private takeAnchor(slot: { department: Department['key']; location: string; level: Level }) {
    const i = this.unplaced.findIndex(
      (a) => a.department === slot.department && a.location === slot.location && a.level === slot.level,
    );
    return i < 0 ? undefined : this.unplaced.splice(i, 1)[0];
  }

  /** Leaders are directors and managers; team leads are added, most senior offices first, up to the share. */
  promoteLeaders(target: number): void {
    let leaders = this.people.filter((p) => p.leader).length;
    const leads = this.people.filter((p) => p.level === 4);
    for (const lead of leads) {
      if (leaders >= target) break;
      if (this.random.chance(0.5)) continue;
      lead.leader = true;
      leaders++;
    }
  }
}

function titleFor(random: Random, department: Department, level: Level): string {
  if (level === 2) return department.director;
  if (level === 3) return department.manager;
  if (level === 4) return department.lead;
  if (level === 6) return department.trainee;
  return random.pick(department.members);
}

function bioFor(
  random: Random,
  locale: 'nl' | 'en',
  title: string,
  office: string,
  skills: string[],
): string {
  const [first, second] = skills;
  const nl = [
    `${title} in ${office}. Vraag me gerust over ${first?.toLowerCase()}.`,
    `Werk vanuit ${office} aan ${first?.toLowerCase()} en ${second?.toLowerCase()}. Koffie is altijd goed.`,
    `Sinds een paar jaar ${title.toLowerCase()}. Ik help graag met ${first?.toLowerCase()}.`,
  ];
  const en = [
    `${title} based in ${office}. Happy to help with ${first}.`,
    `Working on ${first} and ${second} from our ${office} office.`,
    `${title}. Ask me about ${first}; I'll ask you about good coffee in ${office}.`,
  ];
  return random.pick(locale === 'nl' ? nl : en);
}

/** Splits total into parts proportional to weights, summing exactly to total. */
export function shares(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}
