/**
 * Output injection, every format (issue 14 point 4): posting text and a file name carrying
 * ANSI escapes, bidi overrides, `::error::`, `%0A::set-env`, `]]>`, XML-invalid control
 * characters and `</script>` go through the real CLI in each format. Nothing runs: no second
 * workflow command, valid XML, valid JSON, valid SARIF, nothing raw on a terminal, and the
 * annotations still attach to the right file. (The HTML report is tested where it is built.)
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './support/harness.js';
import { parseWorkflowCommand, parseXml, sarifErrors } from './support/ci-formats.js';
import { tempDir, write } from './support/temp-site.js';

const EVIL = 'A\u001b[31mred\u001b[2J \u202eesrever\u202c ::error::owned %0A::set-env name=X::1 ]]> \u0001\u0008\u000b\u007f\u0085 </script><script>x</script> \u2028\u2029 end';
/** A file name with the same (a newline and `,` `:` `%` too: the properties' separators). */
const NAME = 'x\u001b[31m\u202e,:%\n]]></script>.md';

function hostileSite(): string {
  const dir = tempDir('injection');
  // The text reaches messages: an HTML tag in the title, an unknown key, a placeholder.
  write(
    dir,
    join('content', 'en', NAME),
    [
      '---',
      'layout: job-posting',
      'type: section',
      `title: "<b>${EVIL.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}</b>"`,
      'description: A posting.',
      'archived: true',
      'translationKey: evil',
      `"${EVIL.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}": 1`,
      '---',
      '',
      `TODO ${EVIL}`,
      '',
    ].join('\n'),
  );
  return dir;
}

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const REL = `content/en/${NAME}`;

describe('hostile text and file names, every format', () => {
  const dir = hostileSite();

  test('stylish: nothing raw reaches the terminal, even with colours on', () => {
    for (const color of ['--no-color', '--color']) {
      const r = runCli(['lint', 'content', color], { cwd: dir });
      expect(r.status).toBe(1);
      const text = r.stdout.replace(/\u001b\[[0-9;]*m/g, ''); // our own colours only
      expect(text).not.toMatch(RAW);
      expect(text).toContain('content/en/x␛[31m\\u202e,:%␊]]></script>.md');
      expect(text).toContain('␛[31mred␛[2J');
    }
  });

  test('github: one command a finding, no second command, attached to the real file', () => {
    const r = runCli(['lint', 'content', '-f', 'github'], { cwd: dir });
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning) file=/);
      const command = parseWorkflowCommand(line);
      expect(command.properties.file).toBe(REL);
      expect(Object.keys(command.properties).sort()).toEqual(
        expect.arrayContaining(['file', 'line', 'endLine', 'title']),
      );
      expect(command.message.startsWith('content/en/x␛[31m\\u202e,:%␊]]></script>.md: ')).toBe(true);
      expect(command.message).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    }
    expect(r.stdout).not.toMatch(/^::set-env/m);
    expect(r.stdout.split('\n').filter((l) => l.includes('::error::owned') && !l.startsWith('::'))).toEqual([]);
  });

  test('json: parses, and holds the text as it is', () => {
    const r = runCli(['lint', 'content', '-f', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028\u2029]/);
    const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ message: string }> }>;
    expect(results[0]!.filePath).toBe(join(dir, 'content', 'en', NAME));
    expect(results[0]!.messages.some((m) => m.message.includes('::error::owned'))).toBe(true);
  });

  test('sarif: valid against the official schema, the URI names the real file', () => {
    const r = runCli(['lint', 'content', '-f', 'sarif'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028\u2029]/);
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const uris = new Set(
      (log.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>).map(
        (x) => x.locations[0]!.physicalLocation.artifactLocation.uri,
      ),
    );
    expect([...uris].map((u) => decodeURIComponent(u))).toEqual([REL]);
    expect(fileURLToPath(new URL([...uris][0]!, `file://${dir}/`))).toBe(join(dir, 'content', 'en', NAME));
  });

  test('junit: strict XML, the file name in its attributes', () => {
    const r = runCli(['lint', 'content', '-f', 'junit'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const doc = parseXml(r.stdout);
    const suite = doc.getElementsByTagName('testsuite')[0]!;
    expect(suite.getAttribute('name')).toContain('content/en/x');
    expect(doc.getElementsByTagName('failure').length).toBeGreaterThan(1);
  });
});
