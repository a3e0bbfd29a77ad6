import type { Nodes as Node } from 'mdast';
import type { RuleModule } from '../../types.js';
import { counterpartTable } from '../../lib/link-language.js';
import { rawUrlSites, urlSites, type UrlSite } from '../../lib/links.js';
import { parseUrl, unwrapRedirect } from '../../lib/urls.js';
import { fullUrl, pageOfFile, resolveLink, translationOf } from '../../site/links.js';
import type { SiteModel } from '../../site/model.js';
import type { Lang } from '../../types.js';

const NAMES = { en: { en: 'English', fr: 'French' }, fr: { en: 'anglais', fr: 'français' } } as const;
/** The names with their indefinite article, for English messages ("an English posting"). */
const WITH_ARTICLE = { en: 'an English', fr: 'a French' } as const;

/** A link to a page of the Hugo site in the other language, with the address of its translation. */
function ownPage(site: SiteModel, file: string, url: string, lang: Lang): { lang: Lang; counterpart?: string } | undefined {
  const target = resolveLink(site, file, url);
  if (target.kind !== 'page' || !target.language.lang || target.language.lang === lang) return undefined;
  // A link to this page's own translation is a language switch, on purpose.
  const self = pageOfFile(site, file);
  if (self && self.key === target.page.key) return undefined;
  const own = site.languages.find((l) => l.lang === lang);
  const translation = own && translationOf(site, target.page, own.code);
  const counterpart = translation && (target.viaHost || site.multihost ? fullUrl(site, translation) : translation.url);
  return { lang: target.language.lang, counterpart };
}

const rule: RuleModule = {
  meta: {
    id: 'links/language',
    description: {
      en: 'Links to Government of Canada pages must point to the page in the posting’s language.',
      fr: 'Les liens vers des pages du gouvernement du Canada doivent mener à la page dans la langue de l’offre.',
    },
    defaultSeverity: 'error',
    fixable: true,
    messages: {
      withCounterpart: {
        en: 'This link leads to the {pageLang} page in {aPostingLang} posting; link {counterpart}',
        fr: 'Ce lien mène à la page en {pageLang} dans une offre en {postingLang}; liez {counterpart}',
      },
      noSiteCounterpart: {
        en: 'This link leads to {aPageLang} page of the site in {aPostingLang} posting, and that page has no {postingLang} translation',
        fr: 'Ce lien mène à une page du site en {pageLang} dans une offre en {postingLang}, et cette page n’a pas de traduction en {postingLang}',
      },
      noCounterpart: {
        en: 'This link leads to {aPageLang} page in {aPostingLang} posting; link the {postingLang} page (its address is not in `data.link-counterparts`)',
        fr: 'Ce lien mène à une page en {pageLang} dans une offre en {postingLang}; liez la page en {postingLang} (son adresse n’est pas dans `data.link-counterparts`)',
      },
    },
  },
  create(context) {
    const lang = context.lang;
    if (!lang) return;
    const table = counterpartTable(context.config.data);
    const names = NAMES[context.locale];
    // Markdown links and definitions, then what Hugo also makes links: bare URLs in text and
    // `href` attributes of raw HTML (both rewritten in place, the URL only).
    const sites: Array<{ url: string; site: UrlSite | undefined; node: Node; www?: boolean }> = [
      ...urlSites(context.posting),
      ...rawUrlSites(context.posting).map((r) => ({ ...r, www: r.kind === 'bare' && r.url !== r.site.raw })),
    ];
    const hugo = context.config.site;
    for (const { url, site, node, www } of sites) {
      // A page of the Hugo site itself: its language and translation come from the site.
      const own = hugo && ownPage(hugo, context.filePath, url, lang);
      if (own) {
        const data = { pageLang: names[own.lang], postingLang: names[lang], aPageLang: WITH_ARTICLE[own.lang], aPostingLang: WITH_ARTICLE[lang], counterpart: own.counterpart ?? '' };
        const loc = site ? { range: site.range } : { node };
        context.report({
          messageId: own.counterpart ? 'withCounterpart' : 'noSiteCounterpart',
          data,
          loc,
          fix: own.counterpart && site && !site.autolink && site.raw === url ? { range: site.range, text: own.counterpart } : undefined,
        });
        continue;
      }
      const parsed = parseUrl(url);
      if (!parsed) continue;
      const unwrapped = unwrapRedirect(parsed);
      const page = table.languageOf(unwrapped.redirected ? unwrapped.url.href : url.trim());
      if (!page || page.lang === lang) continue;
      const data = {
        pageLang: names[page.lang],
        postingLang: names[lang],
        aPageLang: WITH_ARTICLE[page.lang],
        aPostingLang: WITH_ARTICLE[lang],
        counterpart: page.counterpart ?? '',
      };
      const loc = site ? { range: site.range } : { node };
      // A bare `www.…` keeps its form: the counterpart without `https://`, when it has `www.` too.
      const replacement = www ? page.counterpart?.replace(/^https?:\/\/(?=www\.)/i, '') : page.counterpart;
      // Rewrite only what is written plainly: not a redirect, not an escaped or autolinked URL.
      const plain = site && !site.autolink && (www ? /^www\./i.test(replacement ?? '') : site.raw === url);
      const fixable = replacement && !unwrapped.redirected && site && plain;
      context.report({
        messageId: page.counterpart && !unwrapped.redirected ? 'withCounterpart' : 'noCounterpart',
        data,
        loc,
        fix: fixable ? { range: site.range, text: replacement } : undefined,
      });
    }
  },
};

export default rule;
