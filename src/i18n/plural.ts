/**
 * Singular or plural by count, with the language's own rule (`Intl.PluralRules`): English
 * says "0 files", French says « 0 fichier » (singular for 0 and 1).
 */
import type { Locale } from '../types.js';

const rules: Partial<Record<Locale, Intl.PluralRules>> = {};

/** True when `count` takes the singular in `locale`. */
export function isSingular(locale: Locale, count: number): boolean {
  const r = (rules[locale] ??= new Intl.PluralRules(locale === 'fr' ? 'fr-CA' : 'en-CA'));
  return r.select(count) === 'one';
}

/** `one` or `other` by count. */
export function byCount<T>(locale: Locale, count: number, one: T, other: T): T {
  return isSingular(locale, count) ? one : other;
}
