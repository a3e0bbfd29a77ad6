import type { ErrorObject } from 'ajv';
import { isMap } from 'yaml';
import type { Bilingual, FrontMatter, RuleContext, RuleModule } from '../../types.js';
import { compile } from '../../engine/ajv.js';
import { closest, pick, formatMessage } from '../../engine/format.js';
import { locate } from '../../engine/yaml-locate.js';

const EXPECTED: Record<string, Bilingual> = {
  boolean: { en: 'true or false', fr: 'true ou false' },
  string: { en: 'text', fr: 'du texte' },
  array: { en: 'a list', fr: 'une liste' },
  object: { en: 'a set of keys', fr: 'un ensemble de clés' },
  integer: { en: 'a whole number', fr: 'un nombre entier' },
  number: { en: 'a number', fr: 'un nombre' },
  null: { en: 'empty', fr: 'vide' },
};

function describe(value: unknown, locale: 'en' | 'fr'): string {
  const fr = locale === 'fr';
  if (value === null || value === undefined) return fr ? 'une valeur vide' : 'an empty value';
  if (typeof value === 'string') {
    const text = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return fr ? `le texte « ${text} »` : `the text "${text}"`;
  }
  if (typeof value === 'number') return fr ? `le nombre ${value}` : `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return fr ? 'une liste' : 'a list';
  return fr ? 'un ensemble de clés' : 'a set of keys';
}

const rule: RuleModule = {
  meta: {
    id: 'frontmatter/schema',
    description: {
      en: 'The front matter must match the posting schema (`schemas/posting.schema.json` or the configured one).',
      fr: 'Les métadonnées doivent respecter le schéma des offres (`schemas/posting.schema.json` ou celui de la configuration).',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      type: { en: '`{key}` must be {expected}, found {found}', fr: '`{key}` doit être {expected}; trouvé : {found}' },
      const: { en: '`{key}` must be `{expected}`, found {found}', fr: '`{key}` doit être `{expected}`; trouvé : {found}' },
      enum: {
        en: '`{key}` must be one of {expected}, found {found}',
        fr: '`{key}` doit être l’une des valeurs {expected}; trouvé : {found}',
      },
      required: {
        en: 'The front matter has no `{key}`; add it',
        fr: 'Les métadonnées n’ont pas de clé `{key}`; ajoutez-la',
      },
      requiredWhen: {
        en: 'The front matter has no `{key}`, which is required here ({reason})',
        fr: 'Les métadonnées n’ont pas de clé `{key}`, obligatoire ici ({reason})',
      },
      unknownKey: {
        en: 'Unknown front matter key `{key}`',
        fr: 'Clé de métadonnées inconnue : `{key}`',
      },
      unknownKeyGuess: {
        en: 'Unknown front matter key `{key}`: did you mean `{guess}`?',
        fr: 'Clé de métadonnées inconnue : `{key}`. Vouliez-vous dire `{guess}`?',
      },
      empty: { en: '`{key}` must not be empty', fr: '`{key}` ne doit pas être vide' },
      custom: { en: '{text}', fr: '{text}' },
      invalid: { en: '`{key}` is not valid: {detail}', fr: '`{key}` n’est pas valide : {detail}' },
      notMapping: {
        en: 'The front matter must be `key: value` lines, found {found}',
        fr: 'Les métadonnées doivent être des lignes `clé: valeur`; trouvé : {found}',
      },
    },
  },
  create(context) {
    const fm = context.posting.frontMatter;
    if (!fm || !fm.data || fm.errors.length) return;
    const contents = fm.doc?.contents;
    if (contents && !isMap(contents)) {
      // A list or a sentence between the fences: one finding, not one per missing key.
      context.report({
        messageId: 'notMapping',
        data: { found: describe(contents.toJSON(), context.locale) },
        loc: { range: [fm.range[0], fm.range[0] + 3] },
      });
      return;
    }
    const validate = compile(context.config.schema);
    if (validate(fm.data)) return;
    const seen = new Set<string>();
    const errors = (validate.errors ?? []).filter(
      (e) => e.keyword !== 'if' && e.keyword !== 'allOf' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf',
    );
    // A value of the wrong type gets that one finding, not also the checks meant for text.
    const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
    for (const error of errors) {
      if (error.keyword !== 'type' && wrongType.has(error.instancePath)) continue;
      reportError(context, fm, error, seen);
    }
  },
};

function reportError(context: RuleContext, fm: FrontMatter, error: ErrorObject, seen: Set<string>): void {
  const locale = context.locale;
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const key = path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
  const fence: [number, number] = [fm.range[0], fm.range[0] + 3];
  const located = path.length ? locate(fm, path) : undefined;
  let loc: [number, number] = located?.valueRange ?? located?.keyRange ?? fence;
  const parent = error.parentSchema as { 'x-message'?: Bilingual } | undefined;
  const found = describe(error.data, locale);
  let messageId = 'invalid';
  let data: Record<string, string> = { key, found, detail: error.message ?? '' };

  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      data = { key: path.length ? `${key}.${missing}` : missing };
      const conditional = error.schemaPath.includes('/then/') || error.schemaPath.includes('/else/');
      if (conditional && parent?.['x-message']) {
        messageId = 'requiredWhen';
        data.reason = formatMessage(pick(parent['x-message'], locale), data);
      } else messageId = 'required';
      loc = fence;
      break;
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const extraPath = [...path, extra];
      loc = locate(fm, extraPath)?.keyRange ?? fence;
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const guess = closest(extra, known);
      messageId = guess ? 'unknownKeyGuess' : 'unknownKey';
      data = { key: extraPath.join('.'), guess: guess ?? '' };
      break;
    }
    case 'type': {
      const t = (error.params as { type: string }).type;
      const expected = t
        .split(',')
        .map((x) => (EXPECTED[x] ? pick(EXPECTED[x]!, locale) : x))
        .join(locale === 'fr' ? ' ou ' : ' or ');
      messageId = 'type';
      data = { key, expected, found };
      break;
    }
    case 'const':
      messageId = 'const';
      data = { key, expected: String((error.params as { allowedValue: unknown }).allowedValue), found };
      break;
    case 'enum':
      messageId = 'enum';
      data = {
        key,
        expected: ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => `\`${v}\``).join(', '),
        found,
      };
      break;
    case 'minLength':
      if ((error.params as { limit: number }).limit === 1) messageId = 'empty';
      break;
    default:
      break;
  }
  if (messageId === 'invalid' && parent?.['x-message']) {
    messageId = 'custom';
    data = { text: formatMessage(pick(parent['x-message'], locale), { key, found }) };
  }
  const signature = `${loc[0]}:${messageId}:${JSON.stringify(data)}`;
  if (seen.has(signature)) return;
  seen.add(signature);
  context.report({ messageId, data, loc: { range: loc } });
}

export default rule;
