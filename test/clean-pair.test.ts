/**
 * One correct English/French pair that every rule, at its default setting, must leave
 * alone. A rule that fires here cries wolf on the postings writers get right.
 */
import { join } from 'node:path';
import { runCli } from './support/harness.js';

test('the clean pair gives no finding with the default configuration', () => {
  const r = runCli(['lint', join('fixtures', 'clean-pair', 'content'), '--config', join('fixtures', 'empty-config.json'), '--format', 'json']);
  const results = JSON.parse(r.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }>;
  expect(results).toHaveLength(2);
  expect(results.map((f) => ({ file: f.filePath.split(/[\\/]/).pop(), findings: f.messages }))).toEqual(
    results.map((f) => ({ file: f.filePath.split(/[\\/]/).pop(), findings: [] })),
  );
  expect(r.status).toBe(0);
});
