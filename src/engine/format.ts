import type { Bilingual, Locale } from '../types.js';
import { frenchTypography } from '../i18n/typography.js';

/** Fill `{name}` placeholders. Unknown names stay as written. */
export function formatMessage(template: string, data?: Record<string, string | number>): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : whole,
  );
}

/** The text in `locale`; French with Canadian French typography (src/i18n/typography.ts). */
export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'fr' && text.fr !== undefined ? frenchTypography(text.fr) : text.en;
}

/** Edit distance (Levenshtein), for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a distance that grows with the word, or undefined. */
export function closest(word: string, candidates: Iterable<string>, maxRatio = 0.4): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.ceil(word.length * maxRatio)) ? best : undefined;
}
