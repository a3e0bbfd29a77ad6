import type { RuleModule } from '../../types.js';
import { locate } from '../../engine/yaml-locate.js';
import { evaluate, UNKNOWN } from '../../site/conditions.js';
import { languageOfFile, templateOf } from '../../site/page.js';

/** `.Params.leverId` → `leverId`, each parameter a condition reads. */
function paramsOf(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\.Params\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!))];
}

/** Every key some `required` of the schema names (at the top or in a conditional), iteratively. */
function requiredKeys(schema: unknown): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [schema];
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'required' && Array.isArray(v)) v.forEach((x) => typeof x === 'string' && out.add(x));
      else if (k !== 'properties' || typeof v !== 'object') stack.push(v);
      else stack.push(...Object.values(v as object));
    }
  }
  return out;
}

const rule: RuleModule = {
  meta: {
    id: 'layout/apply-form',
    description: {
      en: 'An open posting must show a way to apply: in a Hugo site, its layout must print the application form for it.',
      fr: 'Une offre ouverte doit offrir un moyen de postuler : dans un site Hugo, sa mise en page doit afficher le formulaire de candidature pour elle.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      noForm: {
        en: 'This open posting shows no way to apply: its layout {layout} prints the application form only when `{condition}`, and here {values}. Set what the form needs, or `archived: true` if the posting is closed',
        fr: 'Cette offre ouverte n’offre aucun moyen de postuler : sa mise en page {layout} n’affiche le formulaire de candidature que si `{condition}`, et ici {values}. Indiquez ce qu’il faut au formulaire, ou `archived: true` si l’offre est fermée',
      },
    },
  },
  create(context) {
    const site = context.config.site;
    const fm = context.posting.frontMatter;
    const data = fm?.data;
    if (!site || !fm || !data || data.archived === true) return;
    const facts = templateOf(site, context.filePath, data);
    if (!facts || facts.forms.length === 0) return;
    const values = {
      params: data,
      type: typeof data.type === 'string' ? data.type : undefined,
      layout: typeof data.layout === 'string' ? data.layout : undefined,
      lang: languageOfFile(site, context.filePath)?.code,
    };
    // Shown (or maybe shown) by one of the forms: nothing to say.
    const failing = facts.forms.map((form) => form.conds.filter((c) => {
      const v = evaluate(c.expr, values);
      return v !== UNKNOWN && v === c.negated;
    }));
    if (failing.some((f) => f.length === 0)) return;
    const conds = failing[0]!;
    const params = [...new Set(conds.flatMap((c) => paramsOf(c.expr)))];
    // One problem, one finding: a key that is missing and that the front matter schema
    // requires is reported by frontmatter/schema, which says the same.
    const value = (key: string) => Object.entries(data).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
    const required = requiredKeys(context.config.schema);
    const schemaOn = (context.config.rules['frontmatter/schema']?.severity ?? 'error') !== 'off';
    const missing = params.filter((p) => value(p) === undefined || value(p) === null);
    if (schemaOn && missing.length && missing.every((p) => required.has(p))) return;
    const shown = (key: string) => {
      const v = value(key);
      return v === undefined || v === null || v === '' ? (context.locale === 'fr' ? `${key} n’est pas indiqué` : `${key} is not set`) : `${key}: ${JSON.stringify(v)}`;
    };
    const target = params.map((p) => locate(fm, [p])).find(Boolean) ?? locate(fm, ['archived']);
    context.report({
      messageId: 'noForm',
      data: {
        layout: facts.displayPath,
        condition: conds.map((c) => (c.negated ? `not (${c.expr})` : c.expr)).join(context.locale === 'fr' ? ' et ' : ' and '),
        values: params.map(shown).join(', ') || '—',
      },
      loc: { range: target ? target.keyRange : [fm.range[0], fm.range[0] + 3] },
    });
  },
};

export default rule;
