import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { findMentions } from '../../lib/classification-mentions.js';

const pad = (n: number) => String(n).padStart(2, '0');

const rule: RuleModule = {
  meta: {
    id: 'classification/unknown',
    description: {
      en: 'A classification must name a known occupational group at one of its levels (`IT-03`, not `XY-02` or `CS-07`).',
      fr: 'Une classification doit nommer un groupe professionnel connu, à l’un de ses niveaux (`IT-03`, et non `XY-02` ou `CS-07`).',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      unknownGroup: {
        en: '`{raw}` does not name a known occupational group (`{group}`); check the code, or add the group to `data.classifications` in the configuration',
        fr: '`{raw}` ne nomme aucun groupe professionnel connu (`{group}`); vérifiez le code ou ajoutez le groupe à `data.classifications` dans la configuration',
      },
      level: {
        en: '`{raw}`: the {group} group ({name}) has levels {min} to {max}',
        fr: '`{raw}` : le groupe {group} ({name}) a les niveaux {min} à {max}',
      },
    },
  },
  create(context) {
    const table = classificationTable(context.config.data);
    for (const m of findMentions(context.posting, table)) {
      if (!m.known) {
        context.report({ messageId: 'unknownGroup', data: { raw: m.raw, group: m.group }, loc: { range: m.range } });
        continue;
      }
      if (m.inRange) continue;
      const g = table.groups.get(m.group)!;
      context.report({
        messageId: 'level',
        data: {
          raw: m.raw,
          group: g.code,
          name: g.name[context.locale],
          min: pad(g.levels[0]),
          max: pad(g.levels[1]),
        },
        loc: { range: m.range },
      });
    }
  },
};

export default rule;
