import type { RuleModule } from '../../types.js';

const rule: RuleModule = {
  meta: {
    id: 'frontmatter/missing',
    description: {
      en: 'A posting must start with a YAML front matter block between `---` lines.',
      fr: 'Une offre doit commencer par un bloc de métadonnées YAML entre deux lignes `---`.',
    },
    defaultSeverity: 'error',
    fixable: false,
    messages: {
      missing: {
        en: 'This posting has no front matter: start the file with `---`, the keys (layout, title, …), and `---`',
        fr: 'Cette offre n’a pas de métadonnées : commencez le fichier par `---`, les clés (layout, title, …) et `---`',
      },
    },
  },
  create(context) {
    if (!context.posting.frontMatter) {
      context.report({ messageId: 'missing', loc: { start: { line: 1, column: 1 } } });
    }
  },
};
export default rule;
