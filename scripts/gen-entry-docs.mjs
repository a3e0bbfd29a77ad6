#!/usr/bin/env node
/**
 * Writes the list of entry ids (what `ignore` and `rule/id:entry` comments take) into the
 * docs of the rules that have entries, in both languages, from the data tables themselves:
 * `npm run docs:entries`. With `--check`, writes nothing and exits 1 when a doc is out of
 * date (the test suite runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = (name) => JSON.parse(readFileSync(join(root, 'data', `${name}.json`), 'utf8'));
const BEGIN = '<!-- entry-ids:begin: generated from data/ by `npm run docs:entries`; do not edit by hand -->';
const END = '<!-- entry-ids:end -->';
const NBSP = '\u00a0';
const code = (s) => `\`${String(s).replace(/\|/g, '\\|').replace(/`/g, 'ˋ')}\``;
const cell = (s) => String(s).replace(/\|/g, '\\|');

const words = (entry) =>
  entry.pattern !== undefined
    ? code(entry.pattern)
    : (entry.forms ?? []).map((f) => cell(typeof f === 'string' ? f : f.text)).join(', ');

const L = {
  en: {
    heading: '## Entry ids',
    termsIntro:
      'What `ignore` and a `inclusive-language/terms:<id>` comment take; each finding shows its id (`inclusive-language/terms:guys` in the `stylish` report, `entryId` in JSON).',
    termsHead: '| id | language | category | words |',
    lang: { en: 'English', fr: 'French' },
    titlesIntro:
      'The masculine noun is the id: what `ignore` and a `inclusive-language/masculine-title:<id>` comment take; each finding shows it (`entryId` in JSON).',
    titlesHead: '| id (masculine) | feminine |',
    epicene: 'Épicène titles (never reported alone; ids too, for a masculine adjective such as “analyste principal”):',
    doubletIntro:
      'One entry, `abbreviated`: `inclusive-language/abbreviated-doublet:abbreviated` in a comment, `"ignore": ["abbreviated"]` in the options.',
  },
  fr: {
    heading: '## Identifiants des entrées',
    termsIntro: `Ce que prennent \`ignore\` et un commentaire \`inclusive-language/terms:<id>\`; chaque constat affiche son identifiant (\`inclusive-language/terms:guys\` dans le rapport \`stylish\`, \`entryId\` en JSON).`,
    termsHead: '| identifiant | langue | catégorie | mots |',
    lang: { en: 'anglais', fr: 'français' },
    titlesIntro: `Le nom masculin est l’identifiant${NBSP}: ce que prennent \`ignore\` et un commentaire \`inclusive-language/masculine-title:<id>\`; chaque constat l’affiche (\`entryId\` en JSON).`,
    titlesHead: '| identifiant (masculin) | féminin |',
    epicene: `Titres épicènes (jamais signalés seuls; identifiants eux aussi, pour un adjectif au masculin comme «${NBSP}analyste principal${NBSP}»)${NBSP}:`,
    doubletIntro: `Une seule entrée, \`abbreviated\`${NBSP}: \`inclusive-language/abbreviated-doublet:abbreviated\` dans un commentaire, \`"ignore": ["abbreviated"]\` dans les options.`,
  },
};

function section(rule, locale) {
  const t = L[locale];
  const lines = [BEGIN, t.heading, ''];
  if (rule === 'terms') {
    lines.push(t.termsIntro, '', t.termsHead, '| --- | --- | --- | --- |');
    for (const lang of ['en', 'fr']) {
      for (const e of data(`inclusive-${lang}`).entries) lines.push(`| ${code(e.id)} | ${t.lang[lang]} | ${cell(e.category ?? '')} | ${words(e)} |`);
    }
  } else if (rule === 'masculine-title') {
    const titles = data('inclusive-fr').titles ?? {};
    lines.push(t.titlesIntro, '', t.titlesHead, '| --- | --- |');
    for (const n of titles.nouns ?? []) lines.push(`| ${code(n.masc.toLowerCase())} | ${cell(n.fem ?? '')} |`);
    lines.push('', t.epicene, '', (titles.epicene ?? []).map((e) => code(e.toLowerCase())).join(', '));
  } else lines.push(t.doubletIntro);
  lines.push('', END);
  return lines.join('\n');
}

const check = process.argv.includes('--check');
let stale = 0;
for (const rule of ['terms', 'masculine-title', 'abbreviated-doublet']) {
  for (const locale of ['en', 'fr']) {
    const file = join(root, 'docs', 'rules', 'inclusive-language', `${rule}${locale === 'fr' ? '.fr' : ''}.md`);
    const text = readFileSync(file, 'utf8');
    const body = section(rule, locale);
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    const next =
      start >= 0 && end > start
        ? text.slice(0, start) + body + text.slice(end + END.length)
        : text.replace(/\n(## (Silencing it|Désactiver|Faire taire)[^\n]*)/, `\n${body}\n\n$1`);
    if (next === text) continue;
    if (next.indexOf(BEGIN) < 0) throw new Error(`${file}: no place for the entry ids (a "Silencing it" heading)`);
    stale++;
    if (check) console.error(`out of date: ${file} (run npm run docs:entries)`);
    else writeFileSync(file, next);
  }
}
process.exitCode = check && stale ? 1 : 0;
