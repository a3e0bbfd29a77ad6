import type { Bilingual, RuleModule } from '../../types.js';
import { pick } from '../../engine/format.js';

/** Writer-facing reasons for the YAML errors postings really have; others keep the parser's words. */
const REASONS: Array<{ code: string; match?: RegExp; text: Bilingual }> = [
  {
    code: 'MISSING_CHAR',
    match: /Implicit map keys/,
    text: {
      en: 'this line has no `key:`. If it continues the value above, indent it, or write the value as a `>-` block',
      fr: 'cette ligne n’a pas de `clé:`. Si elle continue la valeur précédente, mettez-la en retrait, ou écrivez la valeur en bloc `>-`',
    },
  },
  {
    code: 'MISSING_CHAR',
    match: /quote/,
    text: { en: 'a quoted value is not closed', fr: 'une valeur entre guillemets n’est pas fermée' },
  },
  {
    code: 'BLOCK_AS_IMPLICIT_KEY',
    text: {
      en: 'the value contains `: `, which YAML reads as a new key; put the whole value in quotes or in a `>-` block',
      fr: 'la valeur contient `: `, que YAML lit comme une nouvelle clé; mettez toute la valeur entre guillemets ou dans un bloc `>-`',
    },
  },
  {
    code: 'MULTILINE_IMPLICIT_KEY',
    text: {
      en: 'a key must stand on one line; check the indentation of the line below',
      fr: 'une clé doit tenir sur une ligne; vérifiez le retrait de la ligne suivante',
    },
  },
  {
    code: 'DUPLICATE_KEY',
    text: { en: 'this key appears twice; keep one', fr: 'cette clé apparaît deux fois; gardez-en une' },
  },
  {
    code: 'TAB_AS_INDENT',
    text: { en: 'a tab indents this line; YAML needs spaces', fr: 'une tabulation met cette ligne en retrait; YAML exige des espaces' },
  },
  {
    code: 'RESOLVE',
    match: /alias/i,
    text: {
      en: 'its aliases (`*name`) expand to too much data; write the values out',
      fr: 'ses alias (`*nom`) se développent en trop de données; écrivez les valeurs en entier',
    },
  },
  {
    code: 'BAD_INDENT',
    text: { en: 'the indentation is off ({detail})', fr: 'le retrait est incorrect ({detail})' },
  },
];

const rule: RuleModule = {
  meta: {
    id: 'frontmatter/yaml',
    description: {
      en: 'The front matter must be valid YAML.',
      fr: 'Les métadonnées doivent être du YAML valide.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      invalid: {
        en: 'The front matter is not valid YAML: {reason}',
        fr: 'Les métadonnées ne sont pas du YAML valide : {reason}',
      },
    },
  },
  create(context) {
    // Only the first error: the ones after it are usually echoes of the same mistake.
    const error = context.posting.frontMatter?.errors[0];
    if (!error) return;
    const known = REASONS.find((r) => r.code === error.code && (!r.match || r.match.test(error.message)));
    const reason = known ? pick(known.text, context.locale).replace('{detail}', error.message) : error.message;
    context.report({ messageId: 'invalid', data: { reason }, loc: { range: error.range } });
  },
};
export default rule;
