/** The project's own schemas are valid JSON Schemas (the CLI does not re-check them at start). */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkUserSchema } from '../src/engine/ajv.js';
import { ROOT } from './support/harness.js';

const files = [
  'schemas/posting.schema.json',
  'schemas/config.schema.json',
  ...readdirSync(join(ROOT, 'schemas', 'data')).map((f) => `schemas/data/${f}`),
];

test.each(files)('%s is a valid JSON Schema', (file) => {
  expect(checkUserSchema(JSON.parse(readFileSync(join(ROOT, file), 'utf8')))).toBeUndefined();
});

test('an invalid schema is caught', () => {
  expect(checkUserSchema({ type: 'objet' })).toMatch(/type/);
});
