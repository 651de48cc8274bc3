// biome-ignore-all format: name lists read best wrapped
/** Name pools per office: Dutch and Flemish, English, and the mix one meets in a Singapore office. */

type Pool = { first: string[]; last: string[] };

const dutch: Pool = {
  first: [
    'Jan', 'Pieter', 'Daan', 'Lucas', 'Sem', 'Thijs', 'Bram', 'Ruben', 'Jeroen', 'Martijn', 'Sander', 'Koen',
    'Joost', 'Wouter', 'Niels', 'Tim', 'Stijn', 'Jesse', 'Rick', 'Bas', 'Mark', 'Erik', 'Hans', 'Kees',
    'Mohamed', 'Youssef', 'Emre', 'Vincent', 'Maarten', 'Jasper', 'Gijs', 'Floris', 'Teun', 'Milan', 'Eva',
    'Sanne', 'Marieke', 'Noor', 'Anouk', 'Lisa', 'Fleur', 'Iris', 'Femke', 'Lotte', 'Esther', 'Ingrid',
    'Linda', 'Sophie', 'Emma', 'Julia', 'Sara', 'Fatima', 'Yasmina', 'Merel', 'Renske', 'Annelies', 'Karin',
    'Monique', 'Petra', 'Nienke', 'Roos', 'Maud', 'Ilse', 'Marloes', 'Hanneke', 'Saskia', 'Tessa',
  ],
  last: [
    'de Vries', 'Jansen', 'de Jong', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot',
    'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits',
    'de Graaf', 'van der Meer', 'van den Berg', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van Dijk',
    'Schouten', 'Willems', 'van Beek', 'Verhoeven', 'Kuipers', 'Prins', 'Huisman', 'Postma', 'Koster',
    'El Amrani', 'Yilmaz', 'Bouzid', 'Kaya', 'Haddou', 'Tromp', 'Veenstra', 'Timmermans', 'Boersma',
    'van Wijk', 'Kramer', 'Hoekstra', 'Maas', 'Verbeek', 'Post', 'Blom', 'Gerritsen', 'Sluiter', 'Wolters',
  ],
};

const flemish: Pool = {
  first: [
    'Wout', 'Pieter-Jan', 'Arne', 'Jens', 'Sander', 'Tom', 'Kobe', 'Jonas', 'Bert', 'Dries', 'Wim', 'Koen',
    'Seppe', 'Lander', 'Brecht', 'Stef', 'Geert', 'Hannes', 'Mehdi', 'Ilias', 'An', 'Els', 'Lien', 'Hanne',
    'Leen', 'Sofie', 'Katrien', 'Ellen', 'Nele', 'Lotte', 'Griet', 'Jolien', 'Fien', 'Inge', 'Amber', 'Ine',
  ],
  last: [
    'Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet',
    'Dubois', 'Vermeulen', 'Van Damme', 'De Backer', 'Aerts', 'Lambrechts', 'Hermans', 'Michiels',
    'Verstraete', 'Van den Broeck', 'De Clercq', 'Coppens', 'Segers', 'Van de Velde', 'Declercq', 'Cools',
    'Verhaegen',
  ],
};

const english: Pool = {
  first: [
    'James', 'Oliver', 'Harry', 'George', 'Jack', 'Charlie', 'Thomas', 'William', 'Daniel', 'Samuel', 'Joseph',
    'Ben', 'Tom', 'Matthew', 'Ryan', 'Adam', 'Raj', 'Arjun', 'Kwame', 'Emily', 'Olivia', 'Amelia', 'Sophie',
    'Charlotte', 'Grace', 'Hannah', 'Jessica', 'Lucy', 'Ella', 'Chloe', 'Priya', 'Aisha', 'Megan', 'Rachel',
    'Laura', 'Rebecca', 'Niamh', 'Zara', 'Holly', 'Isla',
  ],
  last: [
    'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
    'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel',
    'Khan', 'Hughes', 'Carter', 'Whitfield', 'Edwards', 'Turner', 'Harris', 'Cooper', 'Mitchell', 'Okafor',
    'Shah', "O'Brien", 'Murphy', 'Bennett', 'Price',
  ],
};

const singapore: Pool = {
  first: [
    'Wei Ling', 'Jun Hao', 'Mei Ling', 'Jia Hui', 'Kai Wen', 'Xin Yi', 'Zhi Hao', 'Hui Min', 'Ethan', 'Chloe',
    'Ryan', 'Rachel', 'Marcus', 'Nicole', 'Darren', 'Felicia', 'Aravind', 'Divya', 'Karthik', 'Lakshmi',
    'Siti', 'Nur Aisyah', 'Muhammad Irfan', 'Hafiz', 'Farah', 'Joel', 'Amanda', 'Gabriel', 'Shawn', 'Vanessa',
  ],
  last: [
    'Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Chan', 'Koh', 'Teo', 'Ang', 'Yeo', 'Tay', 'Ho',
    'Low', 'Toh', 'Sim', 'Chong', 'Pillai', 'Nair', 'Kumar', 'Rahman', 'Ismail', 'Hassan', 'Menon',
  ],
};

export const namePools: Record<'dutch' | 'flemish' | 'english' | 'singapore', Pool> = {
  dutch,
  flemish,
  english,
  singapore,
};

/** "Pieter-Jan Van den Broeck" → "pieterjan.vandenbroeck": the house style of demo handles. */
export function handleOf(first: string, last: string): string {
  const clean = (part: string) =>
    part
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return `${clean(first)}.${clean(last)}`;
}
