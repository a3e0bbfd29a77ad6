/**
 * The French README and docs are typeset as the tool's French output is (src/i18n/typography.ts,
 * Canadian French): outside fenced code, a no-break space before a colon and inside « »,
 * no space before ; ! and ?.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from './support/harness.js';

function frenchDocs(): string[] {
  const out = [join(ROOT, 'README.fr.md')];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.fr.md')) out.push(p);
    }
  };
  walk(join(ROOT, 'docs'));
  return out;
}

/** Each line outside fenced code that breaks the convention, as `file:line: text`. */
function offences(file: string): string[] {
  const found: string[] = [];
  let fenced = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trimStart().startsWith('```')) fenced = !fenced;
      else if (
        !fenced &&
        (/\S[ \u202f]:(?=\s|$)/.test(line) || /\S[ \u00a0\u202f]+[;!?](?=\s|$)/.test(line) || /«(?!\u00a0)|(?<!\u00a0)»/.test(line))
      ) {
        found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim().slice(0, 80)}`);
      }
    });
  return found;
}

describe('French documentation typography', () => {
  test('README.fr.md and every docs/**/*.fr.md: no-break space before a colon and inside « », none before ; ! ?', () => {
    const files = frenchDocs();
    expect(files.length).toBeGreaterThan(30);
    expect(files.flatMap(offences)).toEqual([]);
  });

  test('the check sees each kind of mistake', () => {
    for (const line of ['Ajoutez ceci : là', 'voit ; ni', 'Quoi ?', '« guillemets»', '«guillemets\u00a0»']) {
      expect(offences(writeTemp(line))).toHaveLength(1);
    }
    expect(offences(writeTemp('Ajoutez ceci\u00a0: «\u00a0bon\u00a0»; `a :b` http://x'))).toEqual([]);
    // Fenced code is code: left as written.
    expect(offences(writeTemp('```toml\nx = 1 # facultatif : oui\n```'))).toEqual([]);
  });
});

function writeTemp(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'postings-frdocs-')), 'x.fr.md');
  writeFileSync(file, text + '\n');
  return file;
}
