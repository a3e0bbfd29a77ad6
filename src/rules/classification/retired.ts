import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { canonical, code, findMentions, retiredMentions, textSegments } from '../../lib/classification-mentions.js';
import type { GroupEntry } from '../../lib/classification-table.js';

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
      retiredNoLevel: {
        en: '`{raw}`: the {group} group ({name}) was retired{since} and replaced by {successor} ({successorName}), whose levels run from {first} to {last}; write the {successor} level of the job',
        fr: '`{raw}` : le groupe {group} ({name}) a été aboli{since} et remplacé par {successor} ({successorName}), dont les niveaux vont de {first} à {last}; écrivez le niveau {successor} du poste',
      },
      retiredUnknownSuccessor: {
        en: '`{raw}`: the {group} group ({name}) was retired{since} and replaced by {successor}; write the {successor} code of the job',
        fr: '`{raw}` : le groupe {group} ({name}) a été aboli{since} et remplacé par {successor}; écrivez le code {successor} du poste',
      },
      retiredName: {
        en: 'The {name} group ({group}) was retired{since}; it is now {successorName} ({successor})',
        fr: 'Le groupe {name} ({group}) a été aboli{since}; c’est maintenant {successorName} ({successor})',
      },
      replace: { en: 'Replace with `{expected}`', fr: 'Remplacer par `{expected}`' },
    },
  },
  create(context) {
    if (context.posting.frontMatter?.data?.archived !== false) return;
    const table = classificationTable(context.config.data);
    const mentions = findMentions(context.posting, table);
    // Mentions of a retired group, but not `IT-04 (previously CS-04)`: history, the new code given.
    for (const m of retiredMentions(context.posting, table, context.config.rules, mentions)) {
      const g = table.groups.get(m.group);
      if (!g?.retired) continue;
      const successor = table.groups.get(g.retired.successor);
      // `CS-07` is not `IT-07` when IT runs 01 to 05: the successor code only for levels it
      // has, else the group alone (the writer picks the level).
      const levelsExist = !!successor && m.levels.every((l) => l >= successor.levels[0] && l <= successor.levels[1]);
      const expected = levelsExist
        ? canonical({ ...m, group: g.retired.successor, codes: m.levels.map((l) => code(g.retired!.successor, l)) }, context.lang)
        : g.retired.successor;
      const since = sinceText(g, context.locale);
      context.report({
        messageId: levelsExist ? 'retired' : successor ? 'retiredNoLevel' : 'retiredUnknownSuccessor',
        data: {
          raw: m.raw,
          group: g.code,
          name: g.name[context.locale],
          since,
          successor: g.retired.successor,
          successorName: successor?.name[context.locale] ?? g.retired.successor,
          expected,
          first: successor ? code(successor.code, successor.levels[0]) : '',
          last: successor ? code(successor.code, successor.levels[1]) : '',
        },
        loc: { range: m.range },
        suggestions: [{ messageId: 'replace', data: { expected }, fix: { range: m.range, text: expected } }],
      });
    }
    // The group's name in prose: "IT-04 in the Computer Systems group".
    const retired = [...table.groups.values()].filter((g) => g.retired);
    if (!retired.length) return;
    const names = retired.map((g) => ({ g, re: nameRegExp(g) }));
    for (const seg of textSegments(context.posting)) {
      for (const { g, re } of names) {
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(seg.text))) {
          if (HISTORY.test(seg.text.slice(Math.max(0, m.index - 40), m.index))) continue;
          const successor = table.groups.get(g.retired!.successor);
          context.report({
            messageId: 'retiredName',
            data: {
              name: g.name[context.locale],
              group: g.code,
              since: sinceText(g, context.locale),
              successor: g.retired!.successor,
              successorName: successor?.name[context.locale] ?? g.retired!.successor,
            },
            loc: { range: [seg.start + m.index, seg.start + m.index + m[0].length] },
          });
        }
      }
    }
  },
};

/** Words that make a mention history: "previously", "formerly", "anciennement". */
const HISTORY = /\b(previously|formerly|former|anciennement|auparavant|autrefois|ancien|ex)\b[^.;]*$/iu;

function sinceText(g: GroupEntry, locale: 'en' | 'fr'): string {
  if (!g.retired?.date) return '';
  return locale === 'fr' ? ` le ${g.retired.date}` : ` on ${g.retired.date}`;
}

/** The group's English or French name, any case, either apostrophe, final s optional. */
function nameRegExp(g: GroupEntry): RegExp {
  const one = (name: string) =>
    name
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/['’]/g, "['’]")
      .replace(/\s+/g, '\\s+')
      .replace(/s$/, 's?');
  return new RegExp(`(?<![\\p{L}])(?:${one(g.name.en)}|${one(g.name.fr)})(?![\\p{L}])`, 'giu');
}

export default rule;
