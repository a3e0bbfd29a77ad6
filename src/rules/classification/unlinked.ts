import { walk } from '../../engine/walk.js';
import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { findMentions, retiredMentions } from '../../lib/classification-mentions.js';
import { collectDefinitions, linkInfo } from '../../lib/links.js';
import type { Link, LinkReference, Nodes } from 'mdast';

/** Apostrophes and case do not matter when a link names a group. */
const fold = (s: string) => s.toLowerCase().replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ');

const rule: RuleModule = {
  meta: {
    id: 'classification/unlinked',
    description: {
      en: 'Each classification code should be linked (to its collective agreement or rates of pay) at least once in the posting.',
      fr: 'Chaque code de classification devrait être lié (à sa convention collective ou à ses taux de rémunération) au moins une fois dans l’offre.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    messages: {
      unlinked: {
        en: '`{codes}` is not linked anywhere in the posting; link it to its collective agreement or rates of pay{page}',
        fr: '`{codes}` n’est lié nulle part dans l’offre; liez-le à sa convention collective ou à ses taux de rémunération{page}',
      },
      unlinkedMany: {
        en: '`{codes}` are not linked anywhere in the posting; link them to their collective agreement or rates of pay{page}',
        fr: '`{codes}` ne sont liés nulle part dans l’offre; liez-les à leur convention collective ou à leurs taux de rémunération{page}',
      },
    },
  },
  create(context) {
    const table = classificationTable(context.config.data);
    const all = findMentions(context.posting, table);
    const retired = retiredMentions(context.posting, table, context.config.rules, all);
    const mentions = all.filter((m) => m.known && m.inRange && !retired.has(m));
    if (!mentions.length) return;
    const linked = new Set<string>();
    for (const m of mentions) if (m.link?.target) for (const c of m.codes) linked.add(c);
    // A link whose text is the group's name (`[Economics and Social Science Services group](…)`)
    // to one of the group's pages carries every code of that group.
    const linkedGroups = new Set<string>();
    const definitions = collectDefinitions(context.posting);
    walk<Nodes>(context.posting.tree, (node) => {
      if (node.type === 'link' || node.type === 'linkReference') {
        const info = linkInfo(context.posting, node as Link | LinkReference, definitions);
        if (info?.target) {
          const text = fold(info.text);
          for (const g of table.groups.values()) {
            if ((text.includes(fold(g.name.en)) || text.includes(fold(g.name.fr))) && table.targetsMatching(g.code, info.target).length) {
              linkedGroups.add(g.code);
            }
          }
        }
      }
    });
    const reported = new Set<string>();
    for (const m of mentions) {
      if (linkedGroups.has(m.group)) continue;
      const codes = m.codes.filter((c) => !linked.has(c) && !reported.has(c));
      if (!codes.length) continue;
      for (const c of codes) reported.add(c);
      const url = context.lang ? table.preferredUrl(m.group, context.lang) : undefined;
      context.report({
        messageId: codes.length > 1 ? 'unlinkedMany' : 'unlinked',
        data: { codes: codes.join('`, `'), page: url ? ` (${url})` : '' },
        loc: { range: m.range },
      });
    }
  },
};

export default rule;
