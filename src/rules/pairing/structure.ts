import type { RuleModule } from '../../types.js';
import { formatMessage, pick } from '../../engine/format.js';
import { structureGaps, type Gap, type StructureOptions } from '../../pairing/compare.js';
import { againstEvery, lineSpan, linesRange, outlinePair, relatedAt } from '../../pairing/rule-support.js';
import { isSingular } from '../../i18n/plural.js';

const DEFAULTS: StructureOptions = { minWords: 15, minItems: 1, sections: true, lists: true, paragraphs: true };

const rule: RuleModule = {
  meta: {
    id: 'pairing/structure',
    description: {
      en: 'A posting must have every section, list item and paragraph of substance that its translation has.',
      fr: 'Une offre doit avoir chaque section, chaque élément de liste et chaque paragraphe de fond que sa traduction a.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        minWords: { type: 'integer', minimum: 1, description: 'Words a paragraph needs to be reported missing (default 15).' },
        minItems: { type: 'integer', minimum: 1, description: 'Items a list must lack to be reported (default 1).' },
        sections: { type: 'boolean', description: 'Report missing sections (default true).' },
        lists: { type: 'boolean', description: 'Report missing lists and list items (default true).' },
        paragraphs: { type: 'boolean', description: 'Report missing paragraphs (default true).' },
      },
      additionalProperties: false,
    },
    messages: {
      section: {
        en: 'The {lang} posting has a section “{heading}” here that this posting lacks ({path}:{lines})',
        fr: 'L’offre {lang} a ici une section «\u00a0{heading}\u00a0» qui manque dans cette offre ({path}:{lines})',
      },
      list: {
        en: 'The {lang} posting has a list of {count} items here that this posting lacks ({path}:{lines})',
        fr: 'L’offre {lang} a ici une liste de {count} éléments qui manque dans cette offre ({path}:{lines})',
      },
      listOne: {
        en: 'The {lang} posting has a list of {count} item here that this posting lacks ({path}:{lines})',
        fr: 'L’offre {lang} a ici une liste de {count} élément qui manque dans cette offre ({path}:{lines})',
      },
      item: {
        en: 'The {lang} posting has 1 more item in this list ({path}:{lines})',
        fr: 'L’offre {lang} a 1 élément de plus dans cette liste ({path}:{lines})',
      },
      items: {
        en: 'The {lang} posting has {count} more items in this list ({path}:{lines})',
        fr: 'L’offre {lang} a {count} éléments de plus dans cette liste ({path}:{lines})',
      },
      itemUnder: {
        en: 'The {lang} posting has 1 more item in the list under “{heading}” ({path}:{lines})',
        fr: 'L’offre {lang} a 1 élément de plus dans la liste sous «\u00a0{heading}\u00a0» ({path}:{lines})',
      },
      itemsUnder: {
        en: 'The {lang} posting has {count} more items in the list under “{heading}” ({path}:{lines})',
        fr: 'L’offre {lang} a {count} éléments de plus dans la liste sous «\u00a0{heading}\u00a0» ({path}:{lines})',
      },
      paragraph: {
        en: 'The {lang} posting has a paragraph of {words} words here that this posting lacks ({path}:{lines})',
        fr: 'L’offre {lang} a ici un paragraphe de {words} mots qui manque dans cette offre ({path}:{lines})',
      },
      paragraphOne: {
        en: 'The {lang} posting has a paragraph of {words} word here that this posting lacks ({path}:{lines})',
        fr: 'L’offre {lang} a ici un paragraphe de {words} mot qui manque dans cette offre ({path}:{lines})',
      },
      related: {
        en: 'What the {lang} posting has here',
        fr: 'Ce que l’offre {lang} a ici',
      },
    },
  },
  create(context) {
    const pair = outlinePair(context);
    if (!pair) return;
    const options = { ...DEFAULTS, ...(context.options as Partial<StructureOptions>) };
    const lacking = pair.side;
    const found = againstEvery(
      pair,
      (a, b) => structureGaps(a, b, options).filter((g) => g.lacking === lacking),
      (g: Gap) => `${g.kind}:${g.at.line}:${g.count}`,
    );
    const msg = (id: string, data: Record<string, string | number>) => formatMessage(pick(rule.meta.messages[id]!, context.locale), data);
    for (const { item: g, partner } of found) {
      const lines = lineSpan(g.there);
      const base = { lang: pair.otherName, path: partner.displayPath, lines, count: g.count, words: g.words };
      // Singular or plural by the language's own rule (`Intl.PluralRules`).
      const one = (n: number) => isSingular(context.locale, n);
      let messageId: string = g.kind;
      const data: Record<string, string | number> = { ...base };
      if (g.kind === 'section') {
        data.heading = g.heading ?? '';
      } else if (g.kind === 'items') {
        messageId = (one(g.count) ? 'item' : 'items') + (g.heading ? 'Under' : '');
        data.heading = g.heading ?? '';
      } else if (g.kind === 'list' && one(g.count)) {
        messageId = 'listOne';
      } else if (g.kind === 'paragraph' && one(g.words)) {
        messageId = 'paragraphOne';
      }
      context.report({
        messageId,
        data,
        loc: { range: linesRange(context, g.at) },
        related: [relatedAt(partner, g.there, msg('related', { lang: pair.otherName }))],
      });
    }
  },
};

export default rule;
