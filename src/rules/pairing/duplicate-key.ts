import type { RuleModule } from '../../types.js';
import { langName, pairView } from '../../lib/pairing.js';

const rule: RuleModule = {
  meta: {
    id: 'pairing/duplicate-key',
    description: {
      en: 'Two postings of one language must not share a `translationKey` (or path): Hugo pairs only one of them.',
      fr: 'Deux offres d’une même langue ne doivent pas partager une clé `translationKey` (ou un chemin) : Hugo n’en associe qu’une.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      duplicate: {
        en: 'Another {lang} posting has translationKey `{key}`: {others}; keep one, or give each its own key',
        fr: 'Une autre offre {lang} a la clé translationKey `{key}` : {others}; gardez-en une seule, ou donnez à chacune sa propre clé',
      },
      duplicates: {
        en: '{count} other {lang} postings have translationKey `{key}`: {others}; keep one, or give each its own key',
        fr: '{count} autres offres {langs} ont la clé translationKey `{key}` : {others}; gardez-en une seule, ou donnez à chacune sa propre clé',
      },
      duplicatePath: {
        en: 'Another {lang} posting has the same path `{key}`: {others}; keep one',
        fr: 'Une autre offre {lang} a le même chemin `{key}` : {others}; gardez-en une seule',
      },
    },
  },
  create(context) {
    const view = pairView(context);
    if (!view || view.sameLang.length === 0) return;
    const others = view.sameLang
      .map((e) => e.displayPath)
      .sort()
      .join(', ');
    const many = view.by !== 'path' && view.sameLang.length > 1;
    context.report({
      messageId: view.by === 'path' ? 'duplicatePath' : many ? 'duplicates' : 'duplicate',
      data: {
        lang: langName(view.lang, context.locale),
        langs: `${langName(view.lang, context.locale)}s`,
        count: view.sameLang.length,
        key: view.key,
        others,
      },
      loc: { range: view.range },
    });
  },
};

export default rule;
