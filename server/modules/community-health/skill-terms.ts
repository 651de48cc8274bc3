/** Words that say nothing about a skill, in Dutch and English. */
const STOPWORDS = new Set(
  (
    'the and for with from that this are was were you your our all any can has have not but into about over ' +
    'their them they its how what who why when where which will would should could more most some such only ' +
    'also than then there here community group team people everyone everything ' +
    'de het een en van voor met dat die dit zijn was waren jij jouw onze alle kan heeft hebben niet maar naar ' +
    'over hun zij hoe wat wie waarom wanneer waar welke zal zou meer meest sommige ook dan daar hier bij als ' +
    'aan uit tot door wordt worden gemeenschap groep iedereen'
  ).split(' '),
);

/** How many terms a community's texts may give, so the skill query stays bounded. */
export const MAX_SKILL_TERMS = 300;

/**
 * The lower-cased terms a skill could match in a community's name, description and hashtags: single words of three
 * or more letters that are not stopwords, and the two- and three-word phrases in which they stand ("machine
 * learning"); hashtags as written and with dashes or underscores read as spaces.
 */
export function skillTerms(texts: string[], hashtags: string[]): string[] {
  const terms = new Set<string>();
  for (const tag of hashtags) {
    terms.add(tag.toLowerCase());
    terms.add(tag.toLowerCase().replace(/[-_]+/g, ' '));
  }
  for (const text of texts) {
    const words = text.toLowerCase().match(/[\p{L}\p{N}+#.]+/gu) ?? [];
    const cleaned = words.map((word) => word.replace(/^[.]+|[.]+$/g, ''));
    cleaned.forEach((word, i) => {
      if (word.length >= 3 && !STOPWORDS.has(word)) terms.add(word);
      for (const size of [2, 3]) {
        const phrase = cleaned.slice(i, i + size);
        const meaningful = phrase.length === size && phrase.every((w) => w.length > 0);
        if (meaningful && !STOPWORDS.has(phrase[0]!) && !STOPWORDS.has(phrase[size - 1]!)) {
          terms.add(phrase.join(' '));
        }
      }
    });
  }
  return [...terms].filter((term) => term.length > 0).slice(0, MAX_SKILL_TERMS);
}
