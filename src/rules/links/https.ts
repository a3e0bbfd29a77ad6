import { walk } from '../../engine/walk.js';
import type { Nodes } from 'mdast';
import type { RuleContext, RuleModule } from '../../types.js';
import { rawUrlSites } from '../../lib/links.js';

/**
 * `http://` links to Government of Canada hosts (canada.ca, gc.ca and their subdomains) →
 * `https://`. Every such site is served over HTTPS (the Treasury Board requires it of public
 * Government of Canada websites), so the fix changes the scheme only, nothing else.
 */
const DEFAULT_HOSTS = ['canada.ca', 'gc.ca'];

const rule: RuleModule = {
  meta: {
    id: 'links/https',
    description: {
      en: 'Links to Government of Canada sites (canada.ca, gc.ca), bare URLs and HTML links included, must use `https://`, not `http://`.',
      fr: 'Les liens vers les sites du gouvernement du Canada (canada.ca, gc.ca), adresses nues et liens HTML compris, doivent commencer par `https://`, pas `http://`.',
    },
    defaultSeverity: 'warn',
    fixable: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        hosts: {
          type: 'array',
          items: { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9.-]+$' },
          default: DEFAULT_HOSTS,
          description: 'Domains (with their subdomains) whose links must use https.',
        },
      },
    },
    messages: {
      http: {
        en: 'Use `https://` for {host}: Government of Canada sites are served over HTTPS',
        fr: 'Utilisez `https://` pour {host} : les sites du gouvernement du Canada sont servis en HTTPS',
      },
    },
  },
  create(context) {
    const hosts = ((context.options.hosts as string[] | undefined) ?? DEFAULT_HOSTS).map((h) =>
      h.toLowerCase().replace(/^\.+|\.+$/g, ''),
    );
    const matches = (host: string) => hosts.some((h) => host === h || host.endsWith(`.${h}`));
    const report = (url: string, start: number) => {
      const m = /^http:\/\/([^/?#:\s]+)/i.exec(url);
      if (!m || !matches(m[1]!.toLowerCase())) return;
      const end = start + 'http://'.length + m[1]!.length;
      context.report({
        messageId: 'http',
        data: { host: m[1]!.toLowerCase() },
        loc: { range: [start, end] },
        fix: { range: [start, start + 'http'.length], text: 'https' },
      });
    };
    walk<Nodes>(context.posting.tree, (node) => {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return;
      const start = urlOffset(context, node);
      if (start !== undefined) report(node.url, start);
    });
    // Bare URLs (Hugo makes them links) and `href` of raw HTML links: the same URLs that
    // links/language reads, each where it is written.
    for (const { site } of rawUrlSites(context.posting)) {
      if (/^http:\/\//i.test(site.raw)) report(site.raw, site.range[0]);
    }
  },
};


/**
 * Where the destination of a link, image or definition starts in the file, read from the
 * node's own source: after `<` for an autolink, after the `](` that follows the link text,
 * after the `]:` of a definition (an optional `<` is skipped). Undefined when the source does
 * not start with `http://` there, so nothing is reported or fixed on a guess.
 */
function urlOffset(context: RuleContext, node: Nodes): number | undefined {
  const text = context.posting.text;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  let at: number;
  if (node.type === 'link' && text[start] === '<') at = start + 1;
  else {
    let from = start + 1;
    if (node.type === 'link') {
      const last = node.children[node.children.length - 1];
      from = last?.position?.end.offset ?? from;
    } else if (node.type === 'image') from = start + 2 + (node.alt?.length ?? 0);
    const marker = node.type === 'definition' ? ']:' : '](';
    const i = text.indexOf(marker, from);
    if (i === -1 || i >= end) return undefined;
    at = i + 2;
    while (at < end && /\s/.test(text[at]!)) at++;
    if (text[at] === '<') at++;
  }
  return /^http:\/\//i.test(text.slice(at, at + 7)) ? at : undefined;
}

export default rule;
