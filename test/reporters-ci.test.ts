/**
 * The CI formats (sarif, github, junit): valid for the tool that reads them, escaped against
 * hostile messages and paths, and in agreement with each other on the number of findings.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult, Finding } from '../src/types.js';
import type { ReportContext } from '../src/reporters/types.js';
import sarif from '../src/reporters/sarif.js';
import github from '../src/reporters/github.js';
import junit from '../src/reporters/junit.js';
import { rules, runCli } from './support/harness.js';
import { parseWorkflowCommand, parseXml, sarifErrors } from './support/ci-formats.js';

const HOSTILE = '50% done: a, b\r\nline 2 <b>&amp; "double" \'single\' ]]> %0A end';
const HOSTILE_PATH_PARTS = ['content', 'en', 'a,b:c%d & <e> "f".md'];

const cwd = join(tmpdir(), 'postings-site');
const ctx: ReportContext = {
  cwd,
  locale: 'en',
  color: false,
  version: '9.9.9',
  rules: rules.map((r) => r.meta),
};

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'frontmatter/schema',
    severity: 'error',
    message: HOSTILE,
    line: 3,
    column: 5,
    endLine: 4,
    endColumn: 2,
    docsUrl: 'https://github.com/cds-snc/postings/blob/main/docs/rules/frontmatter/schema.md',
    ...over,
  };
}

const hostileFile = join(cwd, ...HOSTILE_PATH_PARTS);
const results: FileResult[] = [
  { filePath: hostileFile, findings: [finding(), finding({ ruleId: 'frontmatter/yaml', severity: 'warning', line: 1, column: 1, endLine: 1, endColumn: 1 })] },
  { filePath: join(cwd, 'content', 'fr', 'propre.md'), findings: [] },
  { filePath: join(cwd, 'content', 'fr', 'é t.md'), findings: [finding({ message: 'plain' })] },
];

describe('github reporter', () => {
  const out = github(results, ctx);
  const lines = out.split('\n').filter(Boolean);

  test('one workflow command per finding, on one line each', () => {
    expect(lines).toHaveLength(3);
    expect(out.endsWith('\n')).toBe(true);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=/);
  });

  test('the runner reads back the exact message, path and position', () => {
    const first = parseWorkflowCommand(lines[0]!);
    expect(first.command).toBe('error');
    expect(first.message).toBe(HOSTILE);
    // Over two lines: GitHub takes no columns then.
    expect(first.properties).toEqual({
      file: HOSTILE_PATH_PARTS.join('/'),
      line: '3',
      endLine: '4',
      title: 'frontmatter/schema',
    });
    const second = parseWorkflowCommand(lines[1]!);
    expect(second.command).toBe('warning');
    expect(second.properties).toMatchObject({ line: '1', col: '1', endLine: '1', endColumn: '1', title: 'frontmatter/yaml' });
    expect(lines[1]).toMatch(/^::warning file=[^:]*,line=1,col=1,endLine=1,endColumn=1,title=frontmatter\/yaml::/);
  });

  test('escapes %, CR, LF in data and also : and , in properties', () => {
    expect(lines[0]).toContain('::50%25 done: a, b%0D%0Aline 2 <b>&amp; "double" \'single\' ]]> %250A end');
    expect(lines[0]).toContain('file=content/en/a%2Cb%3Ac%25d & <e> "f".md,line=3,endLine=4,title=');
    expect(lines[0]).toContain('title=frontmatter/schema');
  });

  test('no findings, no output', () => {
    expect(github([{ filePath: hostileFile, findings: [] }], ctx)).toBe('');
  });
});

describe('sarif reporter', () => {
  const log = JSON.parse(sarif(results, ctx));
  const run = log.runs[0];

  test('validates against the official SARIF 2.1.0 schema', () => {
    expect(sarifErrors(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
  });

  test('one result per finding, with level, message and region', () => {
    expect(run.results).toHaveLength(3);
    const r = run.results[0];
    expect(r).toMatchObject({
      ruleId: 'frontmatter/schema',
      level: 'error',
      message: { text: HOSTILE },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'content/en/a%2Cb%3Ac%25d%20%26%20%3Ce%3E%20%22f%22.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 5, endLine: 4, endColumn: 2 },
          },
        },
      ],
    });
    expect(run.results[1].level).toBe('warning');
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('content/fr/%C3%A9%20t.md');
    expect(decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri)).toBe(HOSTILE_PATH_PARTS.join('/'));
  });

  test('tool.driver names the tool and every rule that fired, once, with its doc', () => {
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'postings', version: '9.9.9', informationUri: 'https://github.com/cds-snc/postings' });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['frontmatter/schema', 'frontmatter/yaml']);
    expect(driver.rules[0].helpUri).toBe('https://github.com/cds-snc/postings/blob/main/docs/rules/frontmatter/schema.md');
    expect(driver.rules[0].shortDescription.text).toMatch(/schema/);
    expect(run.results[1].ruleIndex).toBe(1);
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
  });

  test('rule descriptions follow the locale', () => {
    const fr = JSON.parse(sarif(results, { ...ctx, locale: 'fr' }));
    expect(fr.runs[0].tool.driver.rules[0].shortDescription.text).toMatch(/métadonnées/);
  });

  test('an empty run is valid too', () => {
    const empty = JSON.parse(sarif([], ctx));
    expect(sarifErrors(empty)).toEqual([]);
    expect(empty.runs[0].results).toEqual([]);
  });

  test('the validator does catch an invalid log', () => {
    const broken = JSON.parse(sarif(results, ctx));
    broken.runs[0].results[0].level = 'fatal';
    expect(sarifErrors(broken).length).toBeGreaterThan(0);
  });
});

describe('junit reporter', () => {
  const xml = junit(results, ctx);
  const doc = parseXml(xml);

  test('is well-formed XML with a testsuite per file and a failing testcase per finding', () => {
    const suites = Array.from(doc.getElementsByTagName('testsuite'));
    expect(suites.map((s) => s.getAttribute('name'))).toEqual([
      HOSTILE_PATH_PARTS.join('/'),
      'content/fr/propre.md',
      'content/fr/é t.md',
    ]);
    expect(suites.map((s) => s.getAttribute('failures'))).toEqual(['2', '0', '1']);
    // The clean file is one passing test case (as ESLint's junit formatter).
    expect(doc.getElementsByTagName('testcase')).toHaveLength(4);
    expect(doc.getElementsByTagName('failure')).toHaveLength(3);
    expect(doc.documentElement!.getAttribute('failures')).toBe('3');
  });

  test('messages survive escaping, newlines included', () => {
    const failure = doc.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe(HOSTILE);
    expect(failure.getAttribute('type')).toBe('error');
    expect(failure.textContent).toContain(HOSTILE);
    expect(doc.getElementsByTagName('failure')[1]!.getAttribute('type')).toBe('warning');
  });

  test('characters XML cannot hold are replaced, not written', () => {
    const bad = junit([{ filePath: hostileFile, findings: [finding({ message: 'bell\u0007 and \uD800 lone' })] }], ctx);
    const failure = parseXml(bad).getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe('bell\uFFFD and \uFFFD lone');
  });

  test('the strict parser does reject broken XML (the check can fail)', () => {
    expect(() => parseXml('<a b="x & y"/>')).toThrow();
    expect(() => parseXml('<a b="<"/>')).toThrow();
    expect(() => parseXml('<a>&bogus;</a>')).toThrow();
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});

describe('CLI: every format agrees on the count and honours --output-file', () => {
  const site = mkdtempSync(join(tmpdir(), 'postings-formats-'));
  const en = join(site, 'content', 'en');
  mkdirSync(en, { recursive: true });
  mkdirSync(join(site, 'content', 'fr'), { recursive: true });
  // A value with every hostile character ends up in the schema rule's message.
  writeFileSync(
    join(en, 'a,b:c%d.md'),
    '---\ntitle: "x"\narchived: "50% done: a, b\\nline 2 <b> & \\"q\\" \'s\'"\n---\n\nBody.\n',
  );
  writeFileSync(join(site, 'content', 'fr', 'b.md'), '---\ntitle: [unclosed\n---\n\nCorps.\n');

  const counts: Record<string, number> = {};
  const expected = (() => {
    const r = runCli(['lint', 'content', '-f', 'json'], { cwd: site });
    expect(r.status).toBe(1);
    const parsed = JSON.parse(r.stdout) as Array<{ messages: unknown[] }>;
    return parsed.reduce((n, f) => n + f.messages.length, 0);
  })();

  test.each(['sarif', 'github', 'junit', 'json', 'stylish'])('%s', (format) => {
    const file = join(site, `report.${format}`);
    const r = runCli(['lint', 'content', '-f', format, '--output-file', file], { cwd: site });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const text = readFileSync(file, 'utf8');
    switch (format) {
      case 'sarif': {
        const log = JSON.parse(text);
        expect(sarifErrors(log)).toEqual([]);
        counts[format] = log.runs[0].results.length;
        const messages = log.runs[0].results.map((x: { message: { text: string } }) => x.message.text).join('\n');
        expect(messages).toContain('50% done: a, b\nline 2 <b> & "q" \'s\'');
        break;
      }
      case 'github': {
        const cmds = text.split('\n').filter(Boolean).map(parseWorkflowCommand);
        counts[format] = cmds.length;
        expect(cmds.some((c) => c.properties.file === 'content/en/a,b:c%d.md' && c.message.includes('50% done: a, b\nline 2 <b> & "q"'))).toBe(true);
        break;
      }
      case 'junit': {
        const doc = parseXml(text);
        counts[format] = doc.getElementsByTagName('failure').length;
        expect(doc.getElementsByTagName('testsuite')).toHaveLength(2);
        break;
      }
      case 'json':
        counts[format] = (JSON.parse(text) as Array<{ messages: unknown[] }>).reduce((n, f) => n + f.messages.length, 0);
        break;
      case 'stylish':
        counts[format] = Number(/✖ (\d+) problems?/.exec(text)?.[1]);
        break;
    }
    expect(counts[format]).toBe(expected);
    expect(expected).toBeGreaterThanOrEqual(3);
  });

  test('a clean run writes valid reports (JUnit: one passing test case per file) and exits 0', () => {
    const clean = mkdtempSync(join(tmpdir(), 'postings-clean-'));
    writeFileSync(join(clean, 'ok.md'), 'no front matter here\n');
    const cfg = join(clean, 'postings.config.json');
    writeFileSync(cfg, JSON.stringify({ rules: Object.fromEntries(rules.map((r) => [r.meta.id, 'off'])) }));
    for (const format of ['sarif', 'github', 'junit']) {
      const r = runCli(['lint', 'ok.md', '-f', format], { cwd: clean });
      expect(r.status).toBe(0);
      if (format === 'sarif') expect(sarifErrors(JSON.parse(r.stdout))).toEqual([]);
      if (format === 'github') expect(r.stdout).toBe('');
      if (format === 'junit') {
        // One passing test case per file: Jenkins rejects tests="0" by default.
        const junitDoc = parseXml(r.stdout);
        expect(junitDoc.getElementsByTagName('testcase')).toHaveLength(1);
        expect(junitDoc.getElementsByTagName('failure')).toHaveLength(0);
        expect(junitDoc.documentElement!.getAttribute('tests')).toBe('1');
      }
    }
  });
});

describe('control characters from postings never reach the terminal or the CI log raw', () => {
  const ESC_MESSAGE = 'found "\u001b[31mALERT\u001b[0m\u001b[2J" then \u009b1A, a bell\u0007 and \u202eesrever';

  test('stylish: ESC and the other C0/C1 controls are shown, not obeyed; its own colours stay', async () => {
    const stylish = (await import('../src/reporters/stylish.js')).default;
    const results: FileResult[] = [{ filePath: join(cwd, 'content', 'en', 'x\u001b]0;pwned\u0007.md'), findings: [finding({ message: ESC_MESSAGE })] }];
    const plain = stylish(results, ctx);
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(plain).toContain('found "␛[31mALERT␛[0m␛[2J" then \\x9b1A, a bell␇ and \\u202eesrever');
    expect(plain).toContain('x␛]0;pwned␇.md');
    const coloured = stylish(results, { ...ctx, color: true });
    expect(coloured).toContain('\u001b['); // the reporter's own formatting
    expect(coloured).toContain('␛[31mALERT␛[0m␛[2J');
    expect(coloured).not.toContain('\u001b[31mALERT');
  });

  test('github: controls made visible in the message, CR/LF and % still escaped as GitHub reads them', () => {
    const out = github([{ filePath: join(cwd, 'content', 'en', 'x\u001b[1m.md'), findings: [finding({ message: `${ESC_MESSAGE}\nline 2 50%` })] }], ctx);
    const command = parseWorkflowCommand(out.trimEnd());
    // The message (what the log shows) holds no raw control; the file name is in it, readable.
    expect(command.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(command.message).toBe('content/en/x␛[1m.md: found "␛[31mALERT␛[0m␛[2J" then \\x9b1A, a bell␇ and \\u202eesrever\nline 2 50%');
    // `file=` names the real file, so that GitHub attaches the annotation to it.
    expect(command.properties.file).toBe('content/en/x\u001b[1m.md');
  });

  test('CLI: an ANSI escape in a posting value is printed visibly by stylish and github', () => {
    const site = mkdtempSync(join(tmpdir(), 'postings-ansi-'));
    mkdirSync(join(site, 'content', 'en'), { recursive: true });
    writeFileSync(
      join(site, 'content', 'en', 'dev.md'),
      '---\nlayout: job-posting\ntype: section\ntitle: Developer\ndescription: A posting.\narchived: true\ntranslationKey: dev\nleverId: "\u001b[31mred\u001b[2J"\n---\n\nBody text.\n',
    );
    for (const format of ['stylish', 'github']) {
      const r = runCli(['lint', 'content', '-f', format], { cwd: site });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('␛[31mred␛[2J');
      expect(r.stdout).not.toContain('\u001b');
    }
  });
});
