import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { canonical, findMentions } from '../../lib/classification-mentions.js';

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
    for (const m of findMentions(context.posting, table)) {
      if (!m.known || !m.inRange) continue;
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
