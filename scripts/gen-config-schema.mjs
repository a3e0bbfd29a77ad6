#!/usr/bin/env node
/**
 * Writes schemas/postings.config.schema.json, the JSON Schema of the configuration file that
 * editors read (`"$schema"` in postings.config.json): the hand-written
 * schemas/config.schema.json with every rule id, its description and its options schema
 * (from the rules' metadata, in the built dist/), and every data table name.
 * `npm run gen:schema` after a build; `--check` writes nothing and exits 1 when the file is
 * out of date (the test suite runs it).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { rules } = await import(pathToFileURL(join(root, 'dist', 'rules', 'index.js')).href);
const { frenchTypography } = await import(pathToFileURL(join(root, 'dist', 'i18n', 'typography.js')).href);
const base = JSON.parse(readFileSync(join(root, 'schemas', 'config.schema.json'), 'utf8'));
const OUT = join(root, 'schemas', 'postings.config.schema.json');
const DOCS = 'https://github.com/cds-snc/postings/blob/main/docs/rules/';

const severity = { enum: ['off', 'warn', 'error', 0, 1, 2], description: 'off (0), warn (1) or error (2)' };
const schema = structuredClone(base);
schema.$id = 'https://raw.githubusercontent.com/cds-snc/postings/main/schemas/postings.config.schema.json';
schema.description =
  'Configuration of postings (postings.config.json, .postingsrc.json, .postingsrc.yaml, or the `postings` key of package.json). Generated from the rules by scripts/gen-config-schema.mjs.';
schema.properties.$schema = { type: 'string', description: 'This schema, for editors.' };
const ruleProperties = {};
for (const { meta } of [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
  const options = meta.optionsSchema ?? { type: 'object', additionalProperties: false, properties: {} };
  const description = `${meta.description.en} Default: ${meta.defaultSeverity}. ${DOCS}${meta.id}.md`;
  ruleProperties[meta.id] = {
    description,
    markdownDescription: `${meta.description.en}\n\nDefault: \`${meta.defaultSeverity}\`${meta.fixable ? ', fixable' : ''}. [Documentation](${DOCS}${meta.id}.md) · [en français](${DOCS}${meta.id}.fr.md)`,
    'x-description-fr': frenchTypography(meta.description.fr),
    anyOf: [
      severity,
      { type: 'array', items: [severity, options], minItems: 1, maxItems: 2, additionalItems: false },
    ],
  };
}
schema.properties.rules = {
  type: 'object',
  description: 'Rule id → "off" | "warn" | "error", or [severity, options]. `postings rules` lists them.',
  properties: ruleProperties,
  additionalProperties: false,
};
const tables = readdirSync(join(root, 'data')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
schema.properties.data = {
  ...base.properties.data,
  properties: Object.fromEntries(
    tables.map((t) => [t, { type: 'object', description: `Extends the built-in data/${t}.json (schema: schemas/data/${t}.schema.json).` }]),
  ),
  additionalProperties: false,
};
const text = JSON.stringify(schema, null, 2) + '\n';
let current = '';
try {
  current = readFileSync(OUT, 'utf8');
} catch {
  /* first run */
}
if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error(`out of date: ${OUT} (run npm run build && npm run gen:schema)`);
    process.exitCode = 1;
  }
} else if (current !== text) writeFileSync(OUT, text);
