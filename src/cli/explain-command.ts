/**
 * `postings explain RULE`: print the rule's documentation (`docs/rules/<id>.md`, or
 * `<id>.fr.md` in French): what it checks, why, failing and passing examples, options and how
 * to silence it. An unknown id is a usage error with the closest known id.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../types.js';
import { rules } from '../rules/index.js';
import { closest } from '../engine/format.js';
import { docsUrl } from '../meta.js';
import { ta } from '../i18n/authoring.js';
import { PACKAGE_ROOT } from './package-root.js';
import { UsageError } from './errors.js';

export function explainRule(input: string, locale: Locale, docsDir = join(PACKAGE_ROOT, 'docs', 'rules')): string {
  const id = input.trim().replace(/\.md$/i, '');
  const ids = rules.map((r) => r.meta.id);
  if (!ids.includes(id)) {
    // `https` → `links/https`: the name alone is enough when only one rule has it.
    const byName = ids.filter((i) => i.split('/').pop() === id.split('/').pop());
    const guess = closest(id, ids) ?? (byName.length === 1 ? byName[0] : undefined);
    throw new UsageError(
      guess ? ta(locale, 'explain.err.unknownGuess', { id, guess }) : ta(locale, 'explain.err.unknown', { id }),
    );
  }
  const localized = join(docsDir, `${id}${locale === 'fr' ? '.fr' : ''}.md`);
  const file = existsSync(localized) ? localized : join(docsDir, `${id}.md`);
  if (!existsSync(file)) throw new UsageError(ta(locale, 'explain.err.noDocs', { id, file }));
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\s*$/, '\n');
  const url = docsUrl(id, locale);
  return `${text}\n${url}\n`;
}
