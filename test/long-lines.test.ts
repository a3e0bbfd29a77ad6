/**
 * Linear time on hostile text. A posting pasted from a broken export can hold one line of
 * a megabyte; every regular expression over body text must stay linear on it (a global
 * scan that tries an unbounded run from every start, then fails, is quadratic: a 200 KB
 * line of `a` took 37 s, a 2 MB one never ended). The whole run goes through the real bin
 * with every rule on. No assertion here is on seconds (they fail on a busy machine): the
 * runs must end with every rule's work done (no internal/* finding, the expected count of
 * findings); `npm run bench` keeps the timings.
 */
import { spawnSync } from 'node:child_process';
import { BIN, lintString, makeConfig } from './support/harness.js';
import { posting, tempDir, write } from './support/temp-site.js';
import { findAddresses, maskAddresses } from '../src/lib/addresses.js';
import { codeExtractor } from '../src/lib/classification-codes.js';

const extractCodes = codeExtractor(makeConfig());

const MB = 1 << 20;

/** The real bin, with a size limit above these files and a time budget no linear scan needs. */
function lint(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'lint', '--max-file-size', String(4 * MB), '--timeout', '60', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...(process.env as Record<string, string>), NO_COLOR: '1', LANG: 'en_CA.UTF-8' },
  });
  return { status: r.status, stdout: r.stdout };
}

test('a posting whose body is one 1 MB line of letters is linted by every rule (its partner only indexed)', () => {
  const site = tempDir('long-line');
  const body = 'a'.repeat(MB);
  write(site, 'content/en/long.md', posting({ key: 'long', archived: 'false', body }));
  // The French partner is not linted, only indexed: its raw body goes through the index's pass.
  write(site, 'content/fr/long.md', posting({ key: 'long', archived: 'false', title: 'Développeuse', body }));
  const r = lint(site, ['content/en/long.md']);
  expect(r.status).not.toBeNull(); // not killed
  expect(r.stdout).toContain('content/en/long.md');
  // Every rule ran to the end (a regular expression can also give up with a stack overflow).
  expect(r.stdout).not.toMatch(/internal\/|failed on this file/);
});

test('both postings of a pair with 1 MB lines of hostile text are linted by every rule', () => {
  const site = tempDir('long-line-pair');
  write(site, 'content/en/long.md', posting({ key: 'long', archived: 'false', body: 'a.b-c+d@'.repeat(MB / 8) }));
  write(site, 'content/fr/long.md', posting({ key: 'long', archived: 'false', title: 'Développeuse', body: 'é'.repeat(MB) }));
  const r = lint(site, ['content']);
  expect(r.status).not.toBeNull();
  expect(r.stdout).toContain('content/fr/long.md');
  expect(r.stdout).not.toMatch(/internal\/|failed on this file/);
});

/** Bodies that made one of the old patterns quadratic (each 200 KB, one line). */
const HOSTILE: Record<string, string> = {
  letters: 'a',
  'dotted words': 'a.',
  'plus signs': 'a+',
  'at signs': 'a@',
  'leading at signs': '@a',
  'unclosed comments': '<!--',
  'unclosed images': '![a](',
  'unclosed link titles': '](a (',
  'unclosed autolink destinations': '](<',
  schemes: 'a://',
};

describe('the index pass over raw bodies (sibling files) and the address mask are linear', () => {
  for (const [name, unit] of Object.entries(HOSTILE)) {
    test(name, () => {
      const body = unit.repeat(Math.ceil(200_000 / unit.length));
      expect(extractCodes(body)).toEqual([]);
      expect(maskAddresses(body)).toHaveLength(body.length);
    });
  }

  test('backtick runs of every length (each unclosed opener used to scan the paragraph)', () => {
    let body = '';
    for (let k = 1; body.length < 900_000; k++) body += '`'.repeat(k) + ' IT-01 ';
    expect(extractCodes(body)).toEqual(['IT-01']);
  });
});

describe('bare URLs and e-mail addresses (one scanner for every rule)', () => {
  const found = (text: string) => findAddresses(text).map((a) => [a.kind, text.slice(a.start, a.end)]);

  test('URLs stop at white space and leave trailing punctuation and an unbalanced parenthesis out', () => {
    expect(found('See https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=1.')).toEqual([['url', 'https://www.tbs-sct.gc.ca/pol/doc-eng.aspx?id=1']]);
    expect(found('(voir www.canada.ca/fr.html), puis')).toEqual([['www', 'www.canada.ca/fr.html']]);
    expect(found('https://en.wikipedia.org/wiki/Foo_(bar)!')).toEqual([['url', 'https://en.wikipedia.org/wiki/Foo_(bar)']]);
    expect(found('<https://a.ca/x>')).toEqual([['url', 'https://a.ca/x']]);
    expect(found('a_http://a.ca awww.b.ca')).toEqual([]);
  });

  test('e-mail addresses need a domain with a dot; `mailto:` goes with them', () => {
    expect(found('Écrivez à rené.dupont@cds-snc.ca.')).toEqual([['email', 'rené.dupont@cds-snc.ca']]);
    expect(found('mailto:jobs@cds.ca @handle a@b')).toEqual([['email', 'mailto:jobs@cds.ca']]);
  });

  test('the mask keeps every index and the rest of the text', () => {
    const text = 'IT-03, see https://x.ca/IT-04 or it@cds.ca; CS-02';
    const masked = maskAddresses(text);
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe('IT-03, see ' + ' '.repeat(18) + ' or ' + ' '.repeat(9) + '; CS-02');
    expect(maskAddresses(text, '\uFFFC')).toContain('\uFFFC'.repeat(18));
  });
});

describe('rules stay linear on a long paragraph full of matches', () => {
  const cases: Array<[string, string, string, number]> = [
    ['content/placeholder: `TBD` 10,000 times', 'en', 'TBD ', 40_000],
    ['inclusive-language/terms: a term with exceptions (`crazy`), 40,000 times', 'en', 'crazy ', 240_000],
    ['inclusive-language/terms: `utilisateurs`, 20,000 times', 'fr', 'utilisateurs ', 260_000],
    ['inclusive-language/masculine-title: `un gestionnaire` in one long sentence', 'fr', 'un gestionnaire ', 320_000],
    ['accommodation/*: `accommodation` in one long sentence with no assessment word', 'en', 'accommodation ', 200_000],
  ];
  const config = makeConfig();
  for (const [name, lang, unit, size] of cases) {
    test(name, () => {
      const text = `---\ntitle: x\narchived: false\n---\n\n${unit.repeat(Math.ceil(size / unit.length))}\n`;
      const findings = lintString(text, `/c/${lang}/x.md`, config);
      expect(findings.filter((f) => f.ruleId.startsWith('internal/'))).toEqual([]);
      expect(findings.length).toBeGreaterThan(0);
    });
  }
});
