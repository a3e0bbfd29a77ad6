import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { canonical, findMentions, retiredMentions } from '../../lib/classification-mentions.js';

const rule: RuleModule = {
  meta: {
    id: 'classification/format',
    description: {
      en: 'Write classifications as `GROUP-NN`: `CS-04`, not `CS4`, `CS 4` or `CS-4`; `EC-06/EC-07`, not `EC 06-07`.',
      fr: 'Écrivez les classifications sous la forme `GROUPE-NN` : `CS-04`, et non `CS4`, `CS 4` ou `CS-4`; `EC-06/EC-07`, et non `EC 06-07`.',
    },
    defaultSeverity: 'warn',
    fixable: true,
    messages: {
      format: {
        en: 'Write `{expected}`, not `{raw}`',
        fr: 'Écrivez `{expected}` et non `{raw}`',
      },
    },
  },
  create(context) {
    const table = classificationTable(context.config.data);
    const mentions = findMentions(context.posting, table);
    const retired = retiredMentions(context.posting, table, context.config.rules, mentions);
    for (const m of mentions) {
      if (!m.known || !m.inRange || retired.has(m)) continue;
      const expected = canonical(m, context.lang);
      if (expected === m.raw) continue;
      context.report({
        messageId: 'format',
        data: { expected, raw: m.raw },
        loc: { range: m.range },
        fix: { range: m.range, text: expected },
      });
    }
  },
};

export default rule;
