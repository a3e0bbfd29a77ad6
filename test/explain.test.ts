/** `postings explain RULE`: the rule's documentation in the chosen language; did-you-mean on a typo. */
import { explainRule } from '../src/cli/explain-command.js';
import { UsageError } from '../src/cli/errors.js';
import { rules, runCli } from './support/harness.js';

describe('postings explain', () => {
  test('prints the English documentation: rationale, examples, options, how to silence', () => {
    const run = runCli(['explain', 'links/https']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('# links/https\n')).toBe(true);
    for (const part of ['## Why', '## Failing example', '## Passing example', '## Options', '## Silencing it']) {
      expect(run.stdout).toContain(part);
    }
    expect(run.stdout.trimEnd().endsWith('docs/rules/links/https.md')).toBe(true);
  });

  test('prints the French documentation with --locale fr or a French environment', () => {
    const run = runCli(['explain', 'frontmatter/schema', '--locale', 'fr']);
    expect(run.status).toBe(0);
    for (const part of ['## Pourquoi', '## Exemple fautif', '## Exemple correct', '## Désactiver la règle']) {
      expect(run.stdout).toContain(part);
    }
    const env = runCli(['explain', 'links/https'], { env: { LANG: 'fr_CA.UTF-8' } });
    expect(env.stdout).toContain('## Pourquoi');
    expect(env.stdout.trimEnd().endsWith('docs/rules/links/https.fr.md')).toBe(true);
  });

  test('an unknown rule is a usage error with the closest id, in both languages', () => {
    const en = runCli(['explain', 'links/htps']);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toBe('postings: Unknown rule "links/htps"; did you mean "links/https"?\n');
    const fr = runCli(['explain', 'frontmater/schema', '--locale', 'fr']);
    expect(fr.status).toBe(2);
    expect(fr.stderr).toBe('postings: Règle «\u00a0frontmater/schema\u00a0» inconnue; vouliez-vous dire «\u00a0frontmatter/schema\u00a0»?\n');
    const none = runCli(['explain', 'nothing/like-it']);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('postings: Unknown rule "nothing/like-it". `postings rules` lists them.\n');
  });

  test('the rule name alone suggests its full id', () => {
    expect(() => explainRule('https', 'en')).toThrow(new UsageError('Unknown rule "https"; did you mean "links/https"?'));
  });

  test.each(rules.map((r) => r.meta.id))('%s explains itself in English and French', (id) => {
    const en = explainRule(id, 'en');
    const fr = explainRule(id, 'fr');
    expect(en.startsWith(`# ${id}\n`)).toBe(true);
    expect(fr.startsWith(`# ${id}\n`)).toBe(true);
    expect(fr).not.toEqual(en);
    expect(fr).toMatch(/Gravité par défaut/);
  });
});
