import type { RuleModule } from '../../types.js';
import { guessPartner, langName, pairView } from '../../lib/pairing.js';

const rule: RuleModule = {
  meta: {
    id: 'pairing/missing-translation',
    description: {
      en: 'Every posting must have a posting in the other official language with the same `translationKey` (or path).',
      fr: 'Chaque offre doit avoir une offre dans l’autre langue officielle avec la même clé `translationKey` (ou le même chemin).',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      missing: {
        en: 'No {lang} posting has translationKey `{key}`',
        fr: 'Aucune offre {lang} n’a la clé translationKey `{key}`',
      },
      missingGuess: {
        en: 'No {lang} posting has translationKey `{key}`; did you mean `{guess}` ({path})?',
        fr: 'Aucune offre {lang} n’a la clé translationKey `{key}`. Vouliez-vous dire `{guess}` ({path})?',
      },
      missingPath: {
        en: 'No {lang} posting at `{key}`',
        fr: 'Aucune offre {lang} au chemin `{key}`',
      },
      missingPathGuess: {
        en: 'No {lang} posting at `{key}`; is it {path}?',
        fr: 'Aucune offre {lang} au chemin `{key}`. S’agit-il de {path}?',
      },
    },
  },
  create(context) {
    const view = pairView(context);
    if (!view || view.partners.length > 0) return;
    // With no posting at all in the other language, this is not a bilingual tree we can
    // see (one file outside any content root, or the other language kept elsewhere).
    if (!context.project!.entries.some((e) => e.lang === view.other && view.inSite(e))) return;
    const byPath = view.by === 'path';
    const guess = guessPartner(view);
    const lang = langName(view.other, context.locale);
    if (guess) {
      context.report({
        messageId: byPath ? 'missingPathGuess' : 'missingGuess',
        data: { lang, key: view.key, guess: guess.translationKey ?? '', path: guess.displayPath },
        loc: { range: view.range },
      });
    } else {
      context.report({ messageId: byPath ? 'missingPath' : 'missing', data: { lang, key: view.key }, loc: { range: view.range } });
    }
  },
};

export default rule;
