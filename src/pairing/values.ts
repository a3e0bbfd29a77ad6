/**
 * Values a translation must keep as they are, read from prose in either official language
 * and reduced to one comparable key whatever the formatting: amounts (`$80,000`,
 * `80 000 $`, `$80K`), percentages (`5%`, `5 %`), dates (`March 3, 2023`, `3 mars 2023`,
 * `2023-03-03`), months (`March 2023`, `mars 2023`) and durations (`3 years`, `trois ans`).
 * Pure functions of text; offsets are into the text given.
 */
import { execAll } from '../lib/exec-all.js';
import { Caseless, caseFolded } from '../lib/case-fold.js';
import { PhraseMatcher } from './phrase-matcher.js';

export type ValueKind = 'amount' | 'percent' | 'date' | 'month' | 'duration' | 'count' | 'code' | 'email' | 'link';

export interface FoundValue {
  kind: ValueKind;
  /** The comparable key (`80000`, `2023-03-03`, `--03-03` for a date without year, `36:month`). */
  key: string;
  start: number;
  end: number;
  /** As shown in messages, when not the text at `start`–`end` (`4 mois` for the `4` of `tous les 4, 6 ou 12 mois`). */
  text?: string;
}

/** The `durations` data table: durations and frequencies written in words. */
export interface DurationWordsTable {
  words?: Array<{ id: string; lang?: string; every: number; unit: string; forms: string[] }>;
}

/** Duration words compiled for `scanValues`: a trie of every form (longest first where several fit). */
export interface DurationWords {
  matcher: PhraseMatcher;
  keys: Map<string, string>;
}

const durationCache = new WeakMap<object, DurationWords | undefined>();

/** The words of the `durations` table, compiled once per table. */
export function durationWords(table: DurationWordsTable | undefined): DurationWords | undefined {
  if (!table) return undefined;
  if (durationCache.has(table)) return durationCache.get(table);
  const keys = new Map<string, string>();
  for (const w of table.words ?? []) {
    const key = durationKey(w.every, w.unit);
    if (!key) continue;
    for (const f of w.forms) keys.set(f.toLowerCase().replace(/[’]/g, "'"), key);
  }
  // One expression of the 129 forms cost V8 15–20 ms to interpret and compile in every
  // process (most of a one-posting run's pairing): a trie finds the same phrases.
  const compiled = keys.size ? { keys, matcher: new PhraseMatcher(keys.keys()) } : undefined;
  durationCache.set(table, compiled);
  return compiled;
}

const SP = '[ \\u00a0\\u202f\\u2009]';
/** A number as written in either language: `80,000`, `80 000`, `80.000,50`, `37.5`, `37,5`. */
const NUM = `\\d{1,3}(?:(?:,|\\.|${SP})\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d+)?`;
const NUM_G = new RegExp(NUM, 'g');
/** A number of a block, with a K or M suffix (`1.4K`): an anchor of the alignment. */
const ANCHOR_NUMBER = /(?=\d)(?<![\p{L}\d])(\d+(?:[.,]\d+)?)(?:(k|K|M)(?![\p{L}\d]))?/gu;

/** The value of a number written with any thousands and decimal separators. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.replace(/[ \u00a0\u202f\u2009]/g, '');
  // The last separator is a decimal one when 1 or 2 digits follow it, or when it is the only
  // separator and not followed by exactly three digits.
  const m = /^(.*?)([.,])(\d+)$/.exec(s);
  if (!m) return /^\d+$/.test(s) ? Number(s) : undefined;
  const [, head = '', , tail = ''] = m;
  const headDigits = head.replace(/[.,]/g, '');
  if (!/^\d*$/.test(headDigits)) return undefined;
  if (tail.length === 3 && head.length > 0) return Number(headDigits + tail);
  return Number(`${headDigits || '0'}.${tail}`);
}

const AMOUNT_BEFORE = new RegExp(`\\$${SP}?(${NUM})(${SP}?(?:[kK]\\b|[MB]\\b|[Mm]illion|[Tt]housand|[Bb]illion))?`, 'g');
const AMOUNT_AFTER = new RegExp(
  `(?<![\\d.,])(${NUM})${SP}?(k|K|M|millions?|mille|thousand|milliards?|billion)?${SP}?(?:\\$|(?:de${SP}+)?dollars\\b)`,
  'g',
);
/** `$80,000 - 90,000`, `80 000 à 90 000 $`: the bare end of a range. */
const RANGE_TAIL = new RegExp(`^${SP}*(?:-|–|—|to|à|and|et)${SP}*(${NUM})(?![\\d$]|${SP}?\\$)`);
const RANGE_HEAD = new RegExp(`(${NUM})${SP}*(?:-|–|—|to|à|and|et)${SP}*$`);

const MULT: Record<string, number> = {
  k: 1e3, K: 1e3, thousand: 1e3, mille: 1e3, M: 1e6, million: 1e6, millions: 1e6, B: 1e9, billion: 1e9, milliard: 1e9, milliards: 1e9,
};

function amountKey(n: number | undefined, suffix: string | undefined): string | undefined {
  if (n === undefined || !Number.isFinite(n)) return undefined;
  const word = (suffix ?? '').trim();
  const value = Math.round(n * (MULT[word] ?? MULT[word.toLowerCase()] ?? 1) * 100) / 100;
  return value > 0 ? String(value) : undefined;
}

const PERCENT = new RegExp(`(?<![\\d.,])(${NUM})${SP}?(?:%|percent\\b|per cent\\b|pour cent\\b|p\\. 100)`, 'g');

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, janvier: 1, janv: 1,
  february: 2, feb: 2, février: 2, fevrier: 2, févr: 2, fev: 2, fév: 2,
  march: 3, mar: 3, mars: 3,
  april: 4, apr: 4, avril: 4, avr: 4,
  may: 5, mai: 5,
  june: 6, jun: 6, juin: 6,
  july: 7, jul: 7, juillet: 7, juil: 7,
  august: 8, aug: 8, août: 8, aout: 8,
  september: 9, sept: 9, sep: 9, septembre: 9,
  october: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  december: 12, dec: 12, décembre: 12, decembre: 12, déc: 12,
};
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const DAY = `(\\d{1,2})(?:st|nd|rd|th|er|e)?`;
const YEAR = `((?:19|20)\\d{2})`;
const L = '\\p{L}';
/**
 * What a match can start with, asserted before the look-behind: the look-behind on `\\p{L}`
 * is then tried only where a month's name (or a digit) starts, not at every character.
 */
const initials = (words: string[]) => [...new Set(words.map((w) => w[0]!))].join('');
const MONTH_START = `(?=[${initials(Object.keys(MONTHS))}])`;
/** `March 3, 2023`, `March 3rd`, `Friday, March 3`. */
const DATE_EN = new Caseless(`${MONTH_START}(?<!${L})${MONTH}${SP}+${DAY}(?![\\d${L}])(?:,?${SP}*${YEAR}(?!\\d))?`, 'giu');
/** `3 mars 2023`, `le 1er avril`, `3 March 2023`. */
const DATE_FR = new Caseless(`(?=\\d)(?<![\\d${L}])${DAY}${SP}+${MONTH}(?!${L})(?:,?${SP}*${YEAR}(?!\\d))?`, 'giu');
/** `2023-03-03`. */
const DATE_ISO = /(?<![\d-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d-])/g;
/** `March 2023`, `mars 2023`. */
const MONTH_YEAR = new Caseless(`${MONTH_START}(?<!${L})${MONTH}${SP}+(?:(?:de|of)${SP}+)?${YEAR}(?!\\d)`, 'giu');
/** `Dec/02/2019`. */
const DATE_SLASH = new Caseless(`${MONTH_START}(?<!${L})${MONTH}/(\\d{1,2})/${YEAR}(?!\\d)`, 'giu');

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12,
};
const UNITS: Record<string, string> = {
  year: 'year', years: 'year', yr: 'year', yrs: 'year', an: 'year', ans: 'year', année: 'year', années: 'year',
  month: 'month', months: 'month', mois: 'month',
  week: 'week', weeks: 'week', semaine: 'week', semaines: 'week',
  day: 'day', days: 'day', jour: 'day', jours: 'day',
  hour: 'hour', hours: 'hour', heure: 'hour', heures: 'hour', hrs: 'hour',
};
/** A kind of day written between the number and its unit in English (`10 business days`; French puts it after: `10 jours ouvrables`). */
const QUALIFIER = `(?:(?:business|working|calendar|consecutive)${SP}+)?`;
const DURATION = new Caseless(
  `(?=[\\d${initials(Object.keys(NUMBER_WORDS))}])(?<![\\d.,${L}])(${NUM}|${Object.keys(NUMBER_WORDS).join('|')})(?:\\+|${SP}?\\+)?(?:${SP}*|-)(?:\\(\\d+\\)${SP}*)?(?:or more${SP}+|ou plus${SP}+|full${SP}+|complètes?${SP}+|derni[eè]re?s${SP}+|prochaine?s${SP}+|premi[eè]re?s${SP}+)?${QUALIFIER}(${Object.keys(
    UNITS,
  )
    .sort((a, b) => b.length - a.length)
    .join('|')})(?!${L})`,
  'giu',
);

/** Durations are compared in months (a year is 12) and days (a week is 7), or hours. */
function durationKey(n: number, unit: string): string | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  switch (unit) {
    case 'year':
      return `${round(n * 12)}:month`;
    case 'week':
      return `${round(n * 7)}:day`;
    case 'month':
    case 'day':
    case 'hour':
      return `${round(n)}:${unit}`;
    default:
      return undefined;
  }
}

/**
 * Numbers listed before one unit: `tous les 4, 6 ou 12 mois`, `every 3, 6, or 12 months`,
 * `3 to 6 months` (each number is a duration of that unit).
 */
const LISTED = new Caseless(
  `(?<![\\d.,\\p{L}])(${NUM})((?:${SP}*,${SP}*(?:${NUM}))*)${SP}*,?${SP}*(or|ou|and|et|to|à|-|–)${SP}*(${NUM})${SP}*${QUALIFIER}(${Object.keys(UNITS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?!\\p{L})`,
  'giu',
);

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(month: number | undefined, day: number): boolean {
  return month !== undefined && day >= 1 && day <= 31;
}

/** Every pattern but DURATION needs a digit; DURATION needs a digit or a number word. */
const DIGIT = /\d/;
const NUMBER_WORD = new Caseless(Object.keys(NUMBER_WORDS).join('|'), 'iu');

/** Values in `text` (prose with URLs and e-mail addresses already blanked out). */
export function scanValues(text: string, limit = 500, words?: DurationWords): FoundValue[] {
  // Most paragraphs have no number at all: then no pattern can match, and none is run (the
  // patterns that need a digit read `digitText`, empty when there is none).
  const digitText = DIGIT.test(text) ? text : '';
  // The case-insensitive patterns run on the text lowercased, without `i` (half the compile
  // time of a one-posting run): offsets are the same, and a case that matters is read in `text`.
  const low = caseFolded(text);
  const ci = low ?? text;
  const ciDigit = digitText ? ci : '';
  const wordMatches = words ? [...words.matcher.matches(text)] : [];
  if (!digitText && !wordMatches.length && !NUMBER_WORD.pick(low).test(ci)) return [];
  const out: FoundValue[] = [];
  const taken: Array<[number, number]> = [];
  // At most `limit` values: a hostile line of a million numbers stays linear.
  const free = (s: number, e: number) => taken.length < limit && !taken.some(([a, b]) => s < b && e > a);
  const add = (kind: ValueKind, key: string | undefined, start: number, end: number) => {
    if (key === undefined || !free(start, end)) return;
    taken.push([start, end]);
    out.push({ kind, key, start, end });
  };

  for (const m of execAll(DATE_ISO, digitText)) {
    if (taken.length >= limit) break;
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) add('date', `${m[1]}-${m[2]}-${m[3]}`, m.index!, m.index! + m[0].length);
  }
  // An expression that cannot match is not run (nor compiled, in a one-posting run): each
  // test below is something every match of its expression has.
  for (const re of [DATE_SLASH, DATE_EN, DATE_FR]) {
    if (re === DATE_SLASH && !digitText.includes('/')) continue;
    for (const m of execAll(re.pick(low), ciDigit)) {
      if (taken.length >= limit) break;
      // The month of DATE_EN and DATE_SLASH starts the match: its case is read in `text`.
      const [monthRaw, dayRaw] = re === DATE_FR ? [m[2]!, m[1]!] : [text.substr(m.index, m[1]!.length), m[2]!];
      const month = MONTHS[monthRaw.toLowerCase()];
      const day = Number(dayRaw);
      // "may" and "mar" are words too: only with a capital or a day that reads as a date.
      if (!validDay(month, day)) continue;
      if (/^(may|mai|mar|sept|sep|jan|jun|jul|oct|nov|dec|aug|apr|feb)$/i.test(monthRaw) && monthRaw[0] === monthRaw[0]!.toLowerCase() && re === DATE_EN) continue;
      const year = m[3];
      add('date', `${year ?? ''}-${pad(month!)}-${pad(day)}`, m.index!, m.index! + m[0].length);
    }
  }
  for (const m of execAll(MONTH_YEAR.pick(low), ciDigit)) {
    if (taken.length >= limit) break;
    const month = MONTHS[m[1]!.toLowerCase()];
    if (month === undefined) continue;
    // The month starts the match: its case is read in `text`.
    if (/^(may|mar)$/i.test(m[1]!) && text[m.index] === 'm') continue;
    add('month', `${m[2]}-${pad(month)}`, m.index!, m.index! + m[0].length);
  }

  const amounts: FoundValue[] = [];
  for (const re of [AMOUNT_BEFORE, AMOUNT_AFTER]) {
    if (!digitText.includes('$') && !digitText.includes('dollars')) break;
    for (const m of execAll(re, digitText)) {
      if (taken.length >= limit) break;
      const key = amountKey(parseNumber(m[1]!), m[2]);
      const start = m.index!;
      const end = start + m[0].length;
      if (key === undefined || !free(start, end)) continue;
      taken.push([start, end]);
      amounts.push({ kind: 'amount', key, start, end });
      // The other end of a range written with one `$`.
      if (re === AMOUNT_BEFORE) {
        const tail = RANGE_TAIL.exec(text.slice(end, end + 40));
        if (tail) {
          const s = end + tail[0].length - tail[1]!.length;
          const k = amountKey(parseNumber(tail[1]!), m[2]);
          if (k && free(s, end + tail[0].length)) {
            taken.push([s, end + tail[0].length]);
            amounts.push({ kind: 'amount', key: k, start: s, end: end + tail[0].length });
          }
        }
      } else {
        const head = RANGE_HEAD.exec(text.slice(Math.max(0, start - 40), start));
        if (head) {
          const s = start - head[0].length;
          const k = amountKey(parseNumber(head[1]!), m[2]);
          if (k && free(s, s + head[1]!.length)) {
            taken.push([s, s + head[1]!.length]);
            amounts.push({ kind: 'amount', key: k, start: s, end: s + head[1]!.length });
          }
        }
      }
    }
  }
  out.push(...amounts);
  const percent = digitText.includes('%') || digitText.includes('cent') || digitText.includes('p. 100');
  for (const m of percent ? execAll(PERCENT, digitText) : []) {
    if (taken.length >= limit) break;
    const n = parseNumber(m[1]!);
    if (n !== undefined) add('percent', String(n), m.index!, m.index! + m[0].length);
  }
  // `tous les 4, 6 ou 12 mois`: each number of the list, with the unit that ends it.
  for (const m of execAll(LISTED.pick(low), ciDigit)) {
    if (taken.length >= limit) break;
    const unit = UNITS[m[5]!.toLowerCase()];
    const start = m.index!;
    const end = start + m[0].length;
    if (!unit || !free(start, end)) continue;
    taken.push([start, end]);
    // The unit ends the match: as written, from `text`.
    const unitText = text.slice(end - m[5]!.length, end);
    // A range (`10-14 business days`, `3 à 6 mois`) is one value, its two ends together: a
    // translation that keeps one end only (`14 jours ouvrables`) says something else.
    if (!m[2] && /^(?:-|–|to|à)$/i.test(m[3]!)) {
      const low = durationKey(parseNumber(m[1]!)!, unit);
      const high = durationKey(parseNumber(m[4]!)!, unit);
      if (low && high && low !== high) {
        out.push({ kind: 'duration', key: `${low.replace(/:.*/, '')}..${high}`, start, end });
        continue;
      }
    }
    for (const n of execAll(NUM_G, m[0])) {
      const key = durationKey(parseNumber(n[0])!, unit);
      if (key) out.push({ kind: 'duration', key, start: start + n.index!, end: start + n.index! + n[0].length, text: `${n[0]} ${unitText}` });
    }
  }
  for (const m of wordMatches) {
    if (taken.length >= limit) break;
    const key = words!.keys.get(m.form);
    if (key) add('duration', key, m.index, m.end);
  }
  for (const m of execAll(DURATION.pick(low), ci)) {
    if (taken.length >= limit) break;
    const word = m[1]!.toLowerCase();
    const n = NUMBER_WORDS[word] ?? parseNumber(m[1]!);
    const unit = UNITS[m[2]!.toLowerCase()];
    // "an" alone after a word is not a unit.
    if (n === undefined || !unit) continue;
    add('duration', durationKey(n, unit), m.index!, m.index! + m[0].length);
  }
  if (digitText) {
    for (const m of SUFFIXED.test(digitText) ? execAll(COUNT_SUFFIX, digitText) : []) {
      if (taken.length >= limit) break;
      const n = suffixed(m[1]!, m[2]!);
      if (n !== undefined && n >= 1000) add('count', String(n), m.index!, m.index! + m[0].length);
    }
    for (const m of BIG.test(digitText) ? execAll(COUNT_BIG, digitText) : []) {
      if (taken.length >= limit) break;
      const n = parseNumber(m[1]!);
      if (n !== undefined && n >= 1000) add('count', String(n), m.index!, m.index! + m[0].length);
    }
    // A count is kept only with its bound: `+`, `-plus`, `more than`, `over`, `plus de`.
    const bounded = low === undefined || /\+|plus|more|over/.test(low);
    for (const m of bounded ? execAll(COUNT_PLUS.pick(low), ciDigit) : []) {
      if (taken.length >= limit) break;
      // A lower bound only: `more than 20`, `20+`, `20-plus`; a bare number is not a count.
      if (!m[2] && m[0].trimStart() === m[1]) continue;
      const n = parseNumber(m[1]!);
      if (n !== undefined && n >= 2) add('count', String(n), m.index!, m.index! + m[0].length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Counts compared as values, only where they cannot be anything else: a number of 1,000 or
 * more written with a thousands separator (`120,000`, `160 000`) or of five digits or more
 * (a four-digit number without one is as often a year), or a number said to be a lower
 * bound (`20+`, `20-plus`, `more than 20`, `over 20`, `plus de 20`). Never a number joined to
 * letters, dashes, slashes or other digits (`COVID-19`, `1.2.3`, `613-555-1234`, `24/7`).
 */
const COUNT_BIG = new RegExp(`(?<![\\d.,\\p{L}/#-])(\\d{1,3}(?:(?:,|${SP})\\d{3})+|\\d{5,})(?![\\d\\p{L}]|[.,/-]\\d)`, 'gu');
const COUNT_PLUS = new Caseless(
  `(?:(?<![\\p{L}])(?:more${SP}+than|over|plus${SP}+de|plus${SP}+d['’]au${SP}+moins)${SP}+)?(?<![\\d.,\\p{L}/#-])(${NUM})(${SP}?\\+(?![\\d])|-plus(?!\\p{L}))?(?![\\d\\p{L}%]|[.,/-]\\d)`,
  'giu',
);
/** What COUNT_SUFFIX and COUNT_BIG need: a digit right before K or M; five digits, or a digit, a separator and three. */
const SUFFIXED = /\d[kKM]/;
const BIG = /\d{5}|\d[, \u00a0\u202f\u2009]\d{3}/;
/** A number with a thousand or million suffix (`1.4K`, `2K`, `10k`, `3M`): the other language writes it out (`1 400`, `2 000`). */
const COUNT_SUFFIX = new RegExp(`(?<![\\d.,\\p{L}/#$-])(${NUM})(k|K|M)(?![\\p{L}\\d])`, 'gu');

function suffixed(raw: string, suffix: string): number | undefined {
  const n = parseNumber(raw);
  return n === undefined ? undefined : Math.round(n * (suffix === 'M' ? 1e6 : 1e3));
}

const SPELLED_WORDS = [
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen',
  'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
  'hundreds?', 'thousands?', 'millions?', 'billions?', 'dozens?', 'score',
  'deux', 'trois', 'quatre', 'cinq', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
  'vingts?', 'trente', 'quarante', 'cinquante', 'soixante', 'cents?', 'mille', 'milliers?', 'milliards?',
  'douzaines?', 'dizaines?', 'quinzaines?', 'vingtaines?', 'trentaines?', 'quarantaines?', 'cinquantaines?', 'soixantaines?', 'centaines?',
];

/**
 * Numbers written in words, whose digits the other language may use instead (`three`, `a dozen`,
 * `une vingtaine`, `des milliers`). Tried on every block of a posting: the lookahead of the words'
 * first letters comes first, so that the engine skips the other places without trying the
 * lookbehind's class of every letter there.
 */
export const SPELLED_NUMBER = new Caseless(
  `(?=[${[...new Set(SPELLED_WORDS.map((w) => w[0]))].join('')}])(?<![\\p{L}])(?:${SPELLED_WORDS.join('|')})(?![\\p{L}])`,
  'iu',
);

/** A number of any kind, for anchors of the alignment (not compared as values). */
export function numbersIn(text: string, limit = 64): string[] {
  const out: string[] = [];
  if (!DIGIT.test(text)) return out;
  for (const m of execAll(ANCHOR_NUMBER, text)) {
    if (out.length >= limit) break;
    const n = m[2] ? suffixed(m[1]!, m[2]) : parseNumber(m[0]);
    if (n !== undefined && n >= 2) out.push(String(n));
  }
  return out;
}
