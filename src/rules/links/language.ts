import type { RuleModule } from '../../types.js';
import { counterpartTable } from '../../lib/link-language.js';
import { urlSites } from '../../lib/links.js';
import { parseUrl, unwrapRedirect } from '../../lib/urls.js';

const NAMES = { en: { en: 'English', fr: 'French' }, fr: { en: 'anglais', fr: 'français' } } as const;

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
        en: 'This link leads to the {pageLang} page in a {postingLang} posting; link {counterpart}',
        fr: 'Ce lien mène à la page en {pageLang} dans une offre en {postingLang}; liez {counterpart}',
      },
      noCounterpart: {
        en: 'This link leads to a {pageLang} page in a {postingLang} posting; link the {postingLang} page (its address is not in `data.link-counterparts`)',
        fr: 'Ce lien mène à une page en {pageLang} dans une offre en {postingLang}; liez la page en {postingLang} (son adresse n’est pas dans `data.link-counterparts`)',
      },
    },
  },
  create(context) {
    const lang = context.lang;
    if (!lang) return;
    const table = counterpartTable(context.config.data);
    const names = NAMES[context.locale];
    for (const { url, site, node } of urlSites(context.posting)) {
      const parsed = parseUrl(url);
      if (!parsed) continue;
      const unwrapped = unwrapRedirect(parsed);
      const page = table.languageOf(unwrapped.redirected ? unwrapped.url.href : url.trim());
      if (!page || page.lang === lang) continue;
      const data = { pageLang: names[page.lang], postingLang: names[lang], counterpart: page.counterpart ?? '' };
      const loc = site ? { range: site.range } : { node };
      // Rewrite only what is written plainly: not a redirect, not an escaped or autolinked URL.
      const fixable = page.counterpart && !unwrapped.redirected && site && !site.autolink && site.raw === url;
      context.report({
        messageId: page.counterpart && !unwrapped.redirected ? 'withCounterpart' : 'noCounterpart',
        data,
        loc,
        fix: fixable ? { range: site.range, text: page.counterpart! } : undefined,
      });
    }
  },
};

export default rule;
