import type { RuleModule } from '../../types.js';
import { classificationTable } from '../../lib/classification-table.js';
import { findMentions, type Mention } from '../../lib/classification-mentions.js';
import type { LinkInfo } from '../../lib/links.js';

const rule: RuleModule = {
  meta: {
    id: 'classification/link-target',
    description: {
      en: 'A link whose text names a classification must lead to a page of that group (its collective agreement, rates of pay or qualification standard), directly.',
      fr: 'Un lien dont le texte nomme une classification doit mener à une page de ce groupe (convention collective, taux de rémunération ou norme de qualification), directement.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      otherGroup: {
        en: 'The link on `{raw}` leads to {page}, which is not a page for the {group} group; link {expected}',
        fr: 'Le lien sur `{raw}` mène à {page}, qui n’est pas une page du groupe {group}; liez {expected}',
      },
      notAllowed: {
        en: 'The link on `{raw}` leads to {url}, which is not a page for the {group} group; link {expected}',
        fr: 'Le lien sur `{raw}` mène à {url}, qui n’est pas une page du groupe {group}; liez {expected}',
      },
      redirect: {
        en: 'The link on `{raw}` goes through a redirect ({host}); link the page itself: {url}',
        fr: 'Le lien sur `{raw}` passe par une redirection ({host}); liez la page elle-même : {url}',
      },
    },
  },
  create(context) {
    const table = classificationTable(context.config.data);
    const locale = context.locale;
    const byLink = new Map<LinkInfo, Mention[]>();
    for (const m of findMentions(context.posting, table)) {
      if (!m.known || !m.link?.target) continue;
      const list = byLink.get(m.link);
      if (list) list.push(m);
      else byLink.set(m.link, [m]);
    }
    for (const [link, mentions] of byLink) {
      const url = link.target!;
      if (link.redirected) {
        const first = mentions[0]!;
        let host = link.url;
        try {
          host = new URL(link.url).hostname;
        } catch {
          /* keep the URL */
        }
        context.report({ messageId: 'redirect', data: { raw: first.raw, host, url: url.href }, loc: { range: first.range } });
      }
      const seen = new Set<string>();
      for (const m of mentions) {
        if (seen.has(m.group)) continue;
        seen.add(m.group);
        const group = table.groups.get(m.group)!;
        if (!group.targets?.length) continue;
        if (table.targetsMatching(m.group, url).length) continue;
        const lang = context.lang ?? locale;
        const first = group.targets.map((id) => table.targets.get(id)).find((t) => t);
        const preferred = table.preferredUrl(m.group, lang);
        const expected =
          first && preferred
            ? formatExpected(first.name[locale], preferred)
            : locale === 'fr'
              ? 'l’une de ses pages'
              : 'one of its pages';
        const other = table.anyTargetMatching(url);
        if (other) {
          context.report({
            messageId: 'otherGroup',
            data: { raw: m.raw, page: other.target.name[locale], group: m.group, expected },
            loc: { range: m.range },
          });
        } else {
          context.report({
            messageId: 'notAllowed',
            data: { raw: m.raw, url: url.href, group: m.group, expected },
            loc: { range: m.range },
          });
        }
      }
    }
  },
};

function formatExpected(name: string, url: string): string {
  return `${name} (${url})`;
}

export default rule;
