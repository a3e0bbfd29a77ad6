import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { canonical, code, findMentions } from '../../lib/classification-mentions.js';

const rule: RuleModule = {
  meta: {
    id: 'classification/retired',
    description: {
      en: 'An open posting (`archived: false`) must not classify the job in a retired group (CS became IT on 2021-12-09).',
      fr: 'Une offre ouverte (`archived: false`) ne doit pas classer le poste dans un groupe aboli (CS est devenu IT le 2021-12-09).',
    },
    defaultSeverity: 'warn',
    fixable: false,
    hasSuggestions: true,
    messages: {
      retired: {
        en: '`{raw}`: the {group} group ({name}) was retired{since} and replaced by {successor} ({successorName}); write `{expected}`',
        fr: '`{raw}` : le groupe {group} ({name}) a été aboli{since} et remplacé par {successor} ({successorName}); écrivez `{expected}`',
      },
      replace: { en: 'Replace with `{expected}`', fr: 'Remplacer par `{expected}`' },
    },
  },
  create(context) {
    if (context.posting.frontMatter?.data?.archived !== false) return;
    const table = classificationTable(context.config.data);
    const mentions = findMentions(context.posting, table);
    const named = new Set(mentions.filter((m) => m.known).flatMap((m) => m.codes));
    for (const m of mentions) {
      const g = m.known ? table.groups.get(m.group) : undefined;
      if (!g?.retired) continue;
      const successor = table.groups.get(g.retired.successor);
      // `IT-04 (previously CS-04)`: the old code is history, the new one is given.
      if (m.levels.every((l) => named.has(code(g.retired!.successor, l)))) continue;
      const expected = canonical({ ...m, group: g.retired.successor, codes: m.levels.map((l) => code(g.retired!.successor, l)) }, context.lang);
      const since = g.retired.date ? (context.locale === 'fr' ? ` le ${g.retired.date}` : ` on ${g.retired.date}`) : '';
      context.report({
        messageId: 'retired',
        data: {
          raw: m.raw,
          group: g.code,
          name: g.name[context.locale],
          since,
          successor: g.retired.successor,
          successorName: successor?.name[context.locale] ?? g.retired.successor,
          expected,
        },
        loc: { range: m.range },
        suggestions: [{ messageId: 'replace', data: { expected }, fix: { range: m.range, text: expected } }],
      });
    }
  },
};

export default rule;
