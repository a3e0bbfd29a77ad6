import type { Bilingual, RuleModule } from '../../types.js';
import { pick } from '../../engine/format.js';

/**
 * Writer-facing reasons, in both languages, for every error the YAML parser gives
 * (`yaml`'s ErrorCode list) and for aliases that cannot be resolved: what is wrong on
 * this line, and how to fix it. The first reason whose code and `match` fit is used.
 */
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
    text: {
      en: 'a quoted value is not closed: end it with the same quote it starts with, on the same value',
      fr: 'une valeur entre guillemets n’est pas fermée : terminez-la par le même guillemet qu’au début',
    },
  },
  {
    code: 'MISSING_CHAR',
    match: /directives-end|doc-start/,
    text: {
      en: 'a line starting with `%` is read as a YAML directive: put the value in quotes (`title: "%…"`)',
      fr: 'une ligne qui commence par `%` est lue comme une directive YAML : mettez la valeur entre guillemets (`title: "%…"`)',
    },
  },
  {
    code: 'MISSING_CHAR',
    match: /flow (?:sequence|map)|between flow/,
    text: {
      en: 'a list in `[ ]` or a map in `{ }` is missing a `,` or a `:`; separate items with commas, or quote the value if the brackets are text',
      fr: 'une liste entre `[ ]` ou une table entre `{ }` n’a pas de `,` ou de `:`; séparez les éléments par des virgules, ou mettez la valeur entre guillemets si les crochets sont du texte',
    },
  },
  {
    code: 'MISSING_CHAR',
    text: {
      en: 'a character YAML needs is missing here (a `:` after a key, a closing quote or bracket); check this line',
      fr: 'il manque ici un caractère dont YAML a besoin (un `:` après une clé, un guillemet ou un crochet fermant); vérifiez cette ligne',
    },
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
    match: /flow/,
    text: {
      en: 'a `- ` item or a `key:` stands inside `[ ]` or `{ }`; write `[a, b]` with commas, or the list on lines of its own',
      fr: 'un élément `- ` ou une `clé:` se trouve entre `[ ]` ou `{ }`; écrivez `[a, b]` avec des virgules, ou la liste sur des lignes à elle',
    },
  },
  {
    code: 'MULTILINE_IMPLICIT_KEY',
    text: {
      en: 'a key must stand on one line, followed by `:`; check the indentation of this line and the one below',
      fr: 'une clé doit tenir sur une ligne, suivie de `:`; vérifiez le retrait de cette ligne et de la suivante',
    },
  },
  {
    code: 'DUPLICATE_KEY',
    text: { en: 'this key appears twice; keep one', fr: 'cette clé apparaît deux fois; gardez-en une' },
  },
  {
    code: 'TAB_AS_INDENT',
    text: {
      en: 'a tab indents this line; YAML needs spaces: replace the tab with spaces',
      fr: 'une tabulation met cette ligne en retrait; YAML exige des espaces : remplacez la tabulation par des espaces',
    },
  },
  {
    code: 'UNEXPECTED_TOKEN',
    match: /scalar at node end/,
    text: {
      en: 'text continues after a closing quote. Inside \'single quotes\' write an apostrophe as two (\'\') or as ’; or quote the whole value with "double quotes"',
      fr: 'du texte suit un guillemet fermant. Entre \'apostrophes\', écrivez une apostrophe en double (\'\') ou avec ’; ou mettez toute la valeur entre "guillemets droits"',
    },
  },
  {
    code: 'UNEXPECTED_TOKEN',
    match: /Not a YAML token/,
    text: {
      en: '`|` and `>` start a block: the text goes on the next lines, indented, not after the sign; or quote the value',
      fr: '`|` et `>` ouvrent un bloc : le texte va sur les lignes suivantes, en retrait, pas après le signe; ou mettez la valeur entre guillemets',
    },
  },
  {
    code: 'UNEXPECTED_TOKEN',
    match: /seq-ind|block-seq/,
    text: {
      en: 'a `- ` list item stands where a key was expected; put list items on their own lines under the key, indented the same',
      fr: 'un élément de liste `- ` se trouve là où une clé était attendue; placez les éléments sur leurs propres lignes sous la clé, avec le même retrait',
    },
  },
  {
    code: 'UNEXPECTED_TOKEN',
    text: {
      en: 'YAML did not expect this character here; quote the value if it is text',
      fr: 'YAML n’attendait pas ce caractère ici; mettez la valeur entre guillemets si c’est du texte',
    },
  },
  {
    code: 'BAD_SCALAR_START',
    text: {
      en: 'a value cannot start with `@`, `` ` ``, `%`, `|`, `>`, `!`, `&` or `*` unquoted; put the value in quotes (`title: "@…"`)',
      fr: 'une valeur ne peut pas commencer par `@`, `` ` ``, `%`, `|`, `>`, `!`, `&` ou `*` sans guillemets; mettez la valeur entre guillemets (`title: "@…"`)',
    },
  },
  {
    code: 'BAD_DQ_ESCAPE',
    text: {
      en: 'inside "double quotes" a backslash starts an escape (`\\n`); write `\\\\` for a backslash, or use \'single quotes\'',
      fr: 'entre "guillemets droits", une barre oblique inverse commence un échappement (`\\n`); écrivez `\\\\` pour une barre oblique inverse, ou utilisez des \'apostrophes\'',
    },
  },
  {
    code: 'BAD_ALIAS',
    text: {
      en: 'an unquoted value starting with `*` or `&` is read as an alias or an anchor; put the value in quotes',
      fr: 'une valeur sans guillemets qui commence par `*` ou `&` est lue comme un alias ou une ancre; mettez la valeur entre guillemets',
    },
  },
  {
    code: 'ALIAS_PROPS',
    text: {
      en: 'an alias (`*name`) cannot carry an anchor or a tag; remove it, or quote the value',
      fr: 'un alias (`*nom`) ne peut pas porter d’ancre ni d’étiquette; retirez-la, ou mettez la valeur entre guillemets',
    },
  },
  {
    code: 'MULTIPLE_ANCHORS',
    text: {
      en: 'a value has two anchors (`&a &b`); keep one, or quote the value if `&` is text',
      fr: 'une valeur a deux ancres (`&a &b`); gardez-en une, ou mettez la valeur entre guillemets si `&` est du texte',
    },
  },
  {
    code: 'MULTIPLE_TAGS',
    text: {
      en: 'a value has two tags (`!a !b`); keep one, or quote the value if `!` is text',
      fr: 'une valeur a deux étiquettes (`!a !b`); gardez-en une, ou mettez la valeur entre guillemets si `!` est du texte',
    },
  },
  {
    code: 'BAD_PROP_ORDER',
    text: {
      en: 'an anchor or tag stands in the wrong place; quote the value if `&` or `!` is text',
      fr: 'une ancre ou une étiquette est mal placée; mettez la valeur entre guillemets si `&` ou `!` est du texte',
    },
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    text: {
      en: 'a value starting with `!` is read as a YAML tag; put the value in quotes',
      fr: 'une valeur qui commence par `!` est lue comme une étiquette YAML; mettez la valeur entre guillemets',
    },
  },
  {
    code: 'BLOCK_IN_FLOW',
    text: {
      en: 'a `- ` item or a `key:` stands inside `[ ]` or `{ }`; write `[a, b]` with commas, or the list on lines of its own',
      fr: 'un élément `- ` ou une `clé:` se trouve entre `[ ]` ou `{ }`; écrivez `[a, b]` avec des virgules, ou la liste sur des lignes à elle',
    },
  },
  {
    code: 'BAD_INDENT',
    match: /Flow (?:sequence|map)/,
    text: {
      en: 'a `[` or `{` is not closed before the next key; close it on the same value, or quote the value if the bracket is text',
      fr: 'un `[` ou un `{` n’est pas fermé avant la clé suivante; fermez-le dans la même valeur, ou mettez la valeur entre guillemets si le crochet est du texte',
    },
  },
  {
    code: 'BAD_INDENT',
    text: {
      en: 'the indentation is off: keys of the front matter start at the left margin, and the lines of a value are indented the same',
      fr: 'le retrait est incorrect : les clés des métadonnées commencent à la marge, et les lignes d’une valeur ont le même retrait',
    },
  },
  {
    code: 'MULTIPLE_DOCS',
    text: {
      en: 'a `---` line inside the front matter ends it early; the front matter has one `---` at the top and one at the end',
      fr: 'une ligne `---` au milieu des métadonnées les termine trop tôt; les métadonnées ont un seul `---` au début et un à la fin',
    },
  },
  {
    code: 'BAD_DIRECTIVE',
    text: {
      en: 'a line starting with `%` is read as a YAML directive; put the value in quotes',
      fr: 'une ligne qui commence par `%` est lue comme une directive YAML; mettez la valeur entre guillemets',
    },
  },
  {
    code: 'KEY_OVER_1024_CHARS',
    text: {
      en: 'a line of more than 1,024 characters has no `key:` at its start; indent it if it continues a value, or add its key',
      fr: 'une ligne de plus de 1 024 caractères n’a pas de `clé:` au début; mettez-la en retrait si elle continue une valeur, ou ajoutez sa clé',
    },
  },
  {
    code: 'NON_STRING_KEY',
    text: {
      en: 'a key is a list or a map (`? [a]` or `{…}:`); keys of the front matter are plain words such as `title`',
      fr: 'une clé est une liste ou une table (`? [a]` ou `{…}:`); les clés des métadonnées sont des mots simples comme `title`',
    },
  },
  {
    code: 'BAD_COLLECTION_TYPE',
    text: {
      en: 'a tag asks for a kind of list or map this value is not; remove the tag',
      fr: 'une étiquette demande un type de liste ou de table que cette valeur n’est pas; retirez l’étiquette',
    },
  },
  {
    // The parser gives up on values nested thousands of levels deep (parse.ts names it so).
    code: 'RESOURCE_EXHAUSTION',
    match: /nested too deeply/,
    text: {
      en: 'its values are nested too deeply (lists or maps inside each other thousands of times); flatten them',
      fr: 'ses valeurs sont imbriquées trop profondément (des listes ou des tables les unes dans les autres des milliers de fois); aplatissez-les',
    },
  },
  {
    code: 'RESOURCE_EXHAUSTION',
    text: {
      en: 'its aliases (`*name`) expand to too much data; write the values out',
      fr: 'ses alias (`*nom`) se développent en trop de données; écrivez les valeurs en entier',
    },
  },
  {
    code: 'RESOLVE',
    match: /alias/i,
    text: {
      en: 'an unquoted value starting with `*` is an alias (`*name`) to an anchor that is not there, or aliases expand to too much data; quote the value, or write the values out',
      fr: 'une valeur sans guillemets qui commence par `*` est un alias (`*nom`) vers une ancre absente, ou des alias se développent en trop de données; mettez la valeur entre guillemets, ou écrivez les valeurs en entier',
    },
  },
  {
    code: 'IMPOSSIBLE',
    text: {
      en: 'this line cannot be read as YAML; check its quotes, colons and indentation',
      fr: 'cette ligne ne peut pas être lue comme du YAML; vérifiez ses guillemets, ses deux-points et son retrait',
    },
  },
];

/** For a code a newer `yaml` adds: still a sentence for writers, never the parser's words alone. */
const FALLBACK: Bilingual = {
  en: 'this line cannot be read as YAML; check its quotes, colons and indentation ({detail})',
  fr: 'cette ligne ne peut pas être lue comme du YAML; vérifiez ses guillemets, ses deux-points et son retrait ({detail})',
};

/** Every `yaml` error code the table answers (a test checks it against the library's list). */
export const REASON_CODES: ReadonlySet<string> = new Set(REASONS.map((r) => r.code));

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
    const reason = pick(known?.text ?? FALLBACK, context.locale).replace('{detail}', error.message);
    context.report({ messageId: 'invalid', data: { reason }, loc: { range: error.range } });
  },
};
export default rule;
