import type { Nodes } from 'mdast';
import type { RuleModule } from '../../types.js';
import { walk } from '../../engine/walk.js';
import { rawUrlSites, urlSites } from '../../lib/links.js';
import { resolveLink } from '../../site/links.js';

const SHORTCODE = /\{\{[<%]\s*(ref|relref)\s+"([^"]*)"\s*[>%]\}\}/g;

const rule: RuleModule = {
  meta: {
    id: 'links/internal',
    description: {
      en: 'In a Hugo site, a link to one of the site’s own pages must lead to a page that exists (by its path, slug, url, aliases, permalinks, and each language’s host).',
      fr: 'Dans un site Hugo, un lien vers une page du site doit mener à une page qui existe (selon son chemin, son slug, son url, ses alias, les permaliens et l’hôte de chaque langue).',
    },
    defaultSeverity: 'error',
    fixable: false,
    hasSuggestions: true,
    messages: {
      missing: {
        en: 'No page of the site is at {path}',
        fr: 'Aucune page du site n’est à l’adresse {path}',
      },
      missingClosest: {
        en: 'No page of the site is at {path}; did you mean {url}?',
        fr: 'Aucune page du site n’est à l’adresse {path}; vouliez-vous dire {url}?',
      },
      replace: { en: 'Link {url}', fr: 'Lier {url}' },
    },
  },
  create(context) {
    const site = context.config.site;
    if (!site) return;
    const { posting, filePath } = context;
    const report = (href: string, range: [number, number], ref: boolean, fixable: boolean) => {
      const target = resolveLink(site, filePath, href, ref);
      if (target.kind !== 'missing') return;
      context.report({
        messageId: target.suggestion ? 'missingClosest' : 'missing',
        data: { path: target.path, url: target.suggestion ?? '' },
        loc: { range },
        suggestions:
          target.suggestion && fixable && !ref && !/^[a-z]+:/i.test(href)
            ? [{ messageId: 'replace', data: { url: target.suggestion }, fix: { range, text: target.suggestion } }]
            : undefined,
      });
    };
    for (const { url, site: where, node } of urlSites(posting)) {
      const range = where?.range ?? [node.position!.start.offset!, node.position!.end.offset!];
      report(url, range as [number, number], false, Boolean(where && where.raw === url));
    }
    for (const r of rawUrlSites(posting)) if (r.kind === 'href') report(r.url, r.site.range, false, r.site.raw === r.url);
    // `{{< ref "x.md" >}}` in text (remark leaves shortcodes as text).
    walk<Nodes>(posting.tree, (node) => {
      if (node.type !== 'text') return;
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined) return false;
      const src = posting.text.slice(start, end);
      if (!src.includes('{{')) return false;
      for (const m of src.matchAll(SHORTCODE)) {
        const at = start + m.index! + m[0].indexOf('"') + 1;
        report(m[2]!, [at, at + m[2]!.length], true, false);
      }
      return false;
    });
  },
};

export default rule;
