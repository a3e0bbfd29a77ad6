/** Test support: read back what the CI reporters write, the way the consuming tools do. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import formatsModule from 'ajv-formats';
import { DOMParser, type Document as XmlDocument } from '@xmldom/xmldom';
import sax from 'sax';
import { ROOT } from './harness.js';

type AjvClass = typeof AjvDraft04Module.default;
const Ajv = ((AjvDraft04Module as unknown as { default?: AjvClass }).default ?? AjvDraft04Module) as AjvClass;
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: unknown) => void;

type Validator = ((data: unknown) => boolean) & { errors?: unknown };
let sarifValidator: Validator | undefined;

/** Errors of a SARIF log against the official SARIF 2.1.0 schema (vendored), or [] when valid. */
export function sarifErrors(log: unknown): unknown[] {
  if (!sarifValidator) {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'vendor', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidator = ajv.compile(schema) as unknown as Validator;
  }
  return sarifValidator!(log) ? [] : ((sarifValidator!.errors as unknown[]) ?? ['invalid']);
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Parse a workflow command line as the GitHub runner does (`::name k=v,k=v::data`). */
export function parseWorkflowCommand(line: string): WorkflowCommand {
  if (!line.startsWith('::')) throw new Error(`not a workflow command: ${line}`);
  const end = line.indexOf('::', 2);
  if (end < 0) throw new Error(`no :: after the properties: ${line}`);
  const head = line.slice(2, end);
  const space = head.indexOf(' ');
  const command = space < 0 ? head : head.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`bad property "${pair}" in ${line}`);
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, message: unescapeData(line.slice(end + 2)) };
}

/**
 * Parse XML strictly: not well-formed throws. Two parsers, because each misses a case the
 * other catches: sax (strict mode) rejects a bare `&` and unknown entities, xmldom rejects
 * `<` in an attribute value; xmldom then gives the DOM the tests read.
 */
export function parseXml(text: string): XmlDocument {
  const strict = sax.parser(true);
  strict.onerror = (e: Error) => {
    throw new Error(`XML not well-formed: ${e.message.split('\n')[0]}`);
  };
  strict.write(text).close();
  const parser = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(text, 'text/xml');
}
