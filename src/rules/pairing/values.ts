import type { RuleModule } from '../../types.js';
import { formatMessage, pick } from '../../engine/format.js';
import { valueDiffs, type ValueDiff } from '../../pairing/compare.js';
import type { ValueKind } from '../../pairing/values.js';
import { againstEvery, linesRange, outlinePair, relatedAt } from '../../pairing/rule-support.js';

const KINDS: ValueKind[] = ['amount', 'percent', 'date', 'month', 'duration', 'count', 'code', 'email', 'link'];

const KIND_NAMES: Record<ValueKind, { en: string; fr: string }> = {
  amount: { en: 'the amount', fr: 'le montant' },
  percent: { en: 'the percentage', fr: 'le pourcentage' },
  date: { en: 'the date', fr: 'la date' },
  month: { en: 'the month', fr: 'le mois' },
  duration: { en: 'the duration', fr: 'la durée' },
  count: { en: 'the number', fr: 'le nombre' },
  code: { en: 'the classification', fr: 'la classification' },
  email: { en: 'the e-mail address', fr: 'l’adresse courriel' },
  link: { en: 'the link', fr: 'le lien' },
};

const rule: RuleModule = {
  meta: {
    id: 'pairing/values',
    description: {
      en: 'Amounts, dates, durations, percentages, classification codes, e-mail addresses and links must be the same in a posting and its translation.',
      fr: 'Les montants, dates, durées, pourcentages, codes de classification, adresses courriel et liens doivent être les mêmes dans une offre et sa traduction.',
    },
    defaultSeverity: 'error',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        kinds: {
          type: 'array',
          items: { enum: KINDS },
          uniqueItems: true,
          description: 'The kinds of values compared (default: all).',
        },
        missing: {
          type: 'array',
          items: { enum: KINDS },
          uniqueItems: true,
          description:
            'The kinds whose absence from the other posting is reported (default: all but percent and duration, which translators often write in words); the others are reported only when the other posting has a different value in their place.',
        },
        ignore: {
          type: 'array',
          items: { type: 'string' },
          description: 'Values never reported, as written or as compared (`80000`, `example.com/page`).',
        },
      },
      additionalProperties: false,
    },
    messages: {
      missing: {
        en: '{Kind} {value} is not in the {lang} posting ({path})',
        fr: '{Kind} {value} n’est pas dans l’offre {lang} ({path})',
      },
      absent: {
        en: 'The {lang} posting has {kind} {value} ({path}:{line}), which this posting does not have',
        fr: 'L’offre {lang} a {kind} {value} ({path}:{line}), qui ne figure pas dans cette offre',
      },
      differs: {
        en: '{Kind} {value} here is {other} in the {lang} posting ({path}:{line})',
        fr: '{Kind} {value} ici vaut {other} dans l’offre {lang} ({path}:{line})',
      },
      related: {
        en: 'In the {lang} posting',
        fr: 'Dans l’offre {lang}',
      },
    },
  },
  create(context) {
    const pair = outlinePair(context);
    if (!pair) return;
    const options = context.options as { kinds?: ValueKind[]; missing?: ValueKind[]; ignore?: string[] };
    const kinds = new Set(options.kinds ?? KINDS);
    const missing = new Set(options.missing ?? KINDS.filter((k) => k !== 'percent' && k !== 'duration'));
    const ignore = new Set((options.ignore ?? []).map((s) => s.toLowerCase()));
    const own = pair.side;
    const found = againstEvery(
      pair,
      (a, b) => valueDiffs(a, b, kinds, missing).filter((d) => !ignore.has(d.value.key.toLowerCase()) && !ignore.has(d.value.text.toLowerCase())),
      (d: ValueDiff) => `${d.side}:${d.kind}:${d.value.key}#${d.value.fragment ?? ''}`,
    );
    const locale = context.locale;
    const name = (k: ValueKind) => KIND_NAMES[k][locale];
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    const related = pick(rule.meta.messages.related!, locale);
    for (const { item: d, partner } of found) {
      const base = { lang: pair.otherName, path: partner.displayPath, kind: name(d.kind), Kind: cap(name(d.kind)) };
      const shown = (v: { text: string }) => (locale === 'fr' ? `«\u00a0${v.text}\u00a0»` : `“${v.text}”`);
      if (d.side === own) {
        // The value is here.
        const loc = { start: { line: d.value.line, column: d.value.column }, end: { line: d.value.endLine, column: d.value.endColumn } };
        if (d.counterpart) {
          const c = d.counterpart;
          context.report({
            messageId: 'differs',
            data: { ...base, value: shown(d.value), other: shown(c), line: c.line },
            loc,
            related: [relatedAt(partner, { line: c.line, endLine: c.endLine }, formatMessage(related, base))],
          });
        } else {
          context.report({ messageId: 'missing', data: { ...base, value: shown(d.value) }, loc, related: [relatedAt(partner, d.at, formatMessage(related, base))] });
        }
      } else if (!d.counterpart) {
        // The value is in the partner only; reported where it would be here.
        context.report({
          messageId: 'absent',
          data: { ...base, value: shown(d.value), line: d.value.line },
          loc: { range: linesRange(context, d.at) },
          related: [relatedAt(partner, { line: d.value.line, endLine: d.value.endLine }, formatMessage(related, base))],
        });
      }
    }
  },
};

export default rule;
