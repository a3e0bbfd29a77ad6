import type { RuleContext, RuleModule } from '../../types.js';
import { locate } from '../../engine/yaml-locate.js';
import { dataPattern, dataPatterns, matchAll, matches, type DataRegExp } from '../../lib/patterns.js';
import { maskAddresses } from '../../lib/addresses.js';
import { proseBlocks, rangeIn, sentences } from '../../lib/prose.js';

export interface PlaceholderTable {
  markers: Array<{ id: string; pattern: string; caseSensitive?: boolean }>;
  standalone: string[];
  titles: string[];
  leverIds: string[];
  fileNames: string[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One line that is only a standalone phrase, or `Label: phrase`; the phrase is group 1. And
 * the phrases alone, anywhere: a text none of them is in has no such line, and most
 * paragraphs are not tried line by line.
 */
function standalonePattern(phrases: string[]): { line: RegExp; anywhere: RegExp } | undefined {
  if (phrases.length === 0) return undefined;
  const alt = phrases.map((p) => escapeRegExp(p.trim()).replace(/\s+/g, '\\s+')).join('|');
  return {
    line: new RegExp(`^[\\s*_]*(?:[^:\\n]{1,60}?\\s?:\\s*)?[\\s\\[(«"“*_]*(${alt})[\\s\\])»"”*_.!…]*$`, 'diu'),
    anywhere: new RegExp(alt, 'iu'),
  };
}

interface Hit {
  text: string;
  from: number;
  to: number;
}

interface Compiled {
  markers: DataRegExp[];
  standalone: { line: RegExp; anywhere: RegExp } | undefined;
  longest: number;
  titles: DataRegExp[];
  leverIds: DataRegExp[];
  fileNames: DataRegExp[];
}

const compiled = new WeakMap<PlaceholderTable, Compiled>();

function compileTable(table: PlaceholderTable): Compiled {
  let c = compiled.get(table);
  if (!c) {
    c = {
      markers: table.markers.map((m) => dataPattern(m.pattern, m.caseSensitive ? 'gu' : 'giu')),
      standalone: standalonePattern(table.standalone),
      longest: Math.max(0, ...table.standalone.map((p) => p.length)),
      titles: dataPatterns(table.titles),
      leverIds: dataPatterns(table.leverIds),
      fileNames: dataPatterns(table.fileNames),
    };
    compiled.set(table, c);
  }
  return c;
}

function findIn(text: string, table: Compiled): Hit[] {
  const { standalone, longest } = table;
  const masked = maskAddresses(text);
  const hits: Hit[] = [];
  for (const re of table.markers) {
    for (const m of matchAll(re, masked)) hits.push({ text: m[0], from: m.index!, to: m.index! + m[0].length });
  }
  if (standalone && standalone.anywhere.test(masked)) {
    let at = 0;
    for (const line of masked.split('\n')) {
      // A label (60 characters at most) and a phrase: longer lines are sentences. A
      // sentence that is only a placeholder counts too (`Bienvenue. Texte à venir.`).
      const parts = line.length <= 80 + longest ? [{ text: line, at: 0 }] : [];
      const many = sentences(line);
      if (many.length > 1) for (const part of many) if (part.text.length <= 80 + longest) parts.push(part);
      for (const part of parts) {
        const m = standalone.line.exec(part.text);
        const span = m?.indices?.[1];
        if (m?.[1] && span) {
          hits.push({ text: m[1], from: at + part.at + span[0], to: at + part.at + span[1] });
          break;
        }
      }
      at += line.length + 1;
    }
  }
  // One report per place, even when a marker and a standalone phrase both match it. Sorted
  // by start, a hit overlaps an earlier one exactly when it starts before the furthest end
  // seen (comparing with every earlier hit was quadratic on a line full of `TBD`).
  let furthest = -1;
  return hits
    .sort((a, b) => a.from - b.from || b.to - a.to)
    .filter((h) => {
      const overlaps = h.from < furthest && h.to > h.from;
      furthest = Math.max(furthest, h.to);
      return !overlaps;
    });
}

function frontMatterValue(context: RuleContext, key: string): { value: string; range: [number, number] } | undefined {
  const fm = context.posting.frontMatter;
  const raw = fm?.data?.[key];
  // `leverId: 11111111` is a YAML number: read as written.
  const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (!fm || typeof value !== 'string') return undefined;
  const found = locate(fm, [key]);
  const range = found?.valueRange ?? found?.keyRange;
  return range ? { value, range } : undefined;
}

const rule: RuleModule = {
  meta: {
    id: 'content/placeholder',
    description: {
      en: 'A posting must not be published with test or unfinished content: TODO, TBD, XXX, lorem ipsum, "test job post", a test title, a test leverId or file name.',
      fr: 'Une offre ne doit pas être publiée avec du contenu de test ou inachevé : TODO, TBD, XXX, lorem ipsum, « à venir » seul, un titre de test, un leverId ou un nom de fichier de test.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      text: {
        en: 'Placeholder text “{text}” left in the posting; write the real content',
        fr: 'Texte provisoire « {text} » oublié dans l’offre; écrivez le vrai contenu',
      },
      title: {
        en: 'The title “{text}” is a test title',
        fr: 'Le titre « {text} » est un titre de test',
      },
      leverId: {
        en: '`leverId: {text}` is a test value; use the id of the posting in Lever',
        fr: '`leverId: {text}` est une valeur de test; utilisez l’identifiant de l’offre dans Lever',
      },
      fileName: {
        en: 'The file name `{text}` is a test name, and Hugo publishes the posting at `…/{slug}/`; name the file after the posting',
        fr: 'Le nom de fichier `{text}` est un nom de test, et Hugo publie l’offre à `…/{slug}/`; nommez le fichier d’après l’offre',
      },
    },
  },
  create(context) {
    const raw = context.config.data.placeholders as PlaceholderTable | undefined;
    if (!raw) return;
    const table = compileTable(raw);
    const fm = context.posting.frontMatter;

    const name = context.filePath.split(/[\\/]/).pop() ?? '';
    const slug = name.replace(/\.md$/i, '');
    const stem = slug.replace(/\.(?:en|fr)$/i, '').replace(/-{2,}[^]*$/, '');
    if (table.fileNames.some((re) => matches(re, stem))) {
      context.report({
        messageId: 'fileName',
        data: { text: name, slug: slug.replace(/\.(?:en|fr)$/i, '') },
        loc: { range: fm ? [fm.range[0], fm.range[0] + 3] : [0, 0] },
      });
    }

    const title = frontMatterValue(context, 'title');
    if (title) {
      const trimmed = title.value.trim().replace(/\s+/g, ' ');
      if (table.titles.some((re) => matches(re, trimmed))) {
        context.report({ messageId: 'title', data: { text: trimmed }, loc: { range: title.range } });
      } else {
        const hit = findIn(trimmed, table)[0];
        if (hit) context.report({ messageId: 'text', data: { text: hit.text }, loc: { range: title.range } });
      }
    }
    const description = frontMatterValue(context, 'description');
    if (description) {
      const hit = findIn(description.value.trim(), table)[0];
      if (hit) context.report({ messageId: 'text', data: { text: hit.text }, loc: { range: description.range } });
    }
    const lever = frontMatterValue(context, 'leverId');
    if (lever && table.leverIds.some((re) => matches(re, lever.value.trim()))) {
      context.report({ messageId: 'leverId', data: { text: lever.value.trim() }, loc: { range: lever.range } });
    }

    for (const block of proseBlocks(context.posting.tree)) {
      for (const hit of findIn(block.text, table)) {
        context.report({ messageId: 'text', data: { text: hit.text }, loc: { range: rangeIn(block, hit.from, hit.to) } });
      }
    }
  },
};

export default rule;
