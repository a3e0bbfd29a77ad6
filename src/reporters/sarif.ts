/**
 * SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one result per finding, the rules
 * that fired in `tool.driver.rules`, file URIs relative to the working directory.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult, Finding, RuleMeta } from '../types.js';
import { REPOSITORY_URL, docsUrl } from '../meta.js';
import type { Reporter } from './types.js';
import { pick } from '../engine/format.js';
import { safeJson } from './json.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** A URI reference for a file: relative to the working directory when it is below it. */
export function fileUri(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = isAbsolute(filePath) ? filePath : undefined;
  const rel = abs ? relative(cwd, abs) : filePath;
  if (abs && (rel === '' || isAbsolute(rel))) return { uri: pathToFileURL(abs).href };
  const uri = rel.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

function region(f: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>) {
  const startLine = Math.max(1, f.line);
  const startColumn = Math.max(1, f.column);
  let endLine = Math.max(startLine, f.endLine || startLine);
  let endColumn = Math.max(1, f.endColumn || startColumn);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  return { startLine, startColumn, endLine, endColumn };
}

const sarif: Reporter = (results, ctx) => {
  const metaById = new Map<string, RuleMeta>(ctx.rules.map((m) => [m.id, m]));
  const ruleIndex = new Map<string, number>();
  const driverRules: Array<Record<string, unknown>> = [];
  const sarifResults: Array<Record<string, unknown>> = [];
  for (const result of results as FileResult[]) {
    for (const f of result.findings) {
      let index = ruleIndex.get(f.ruleId);
      if (index === undefined) {
        index = driverRules.length;
        ruleIndex.set(f.ruleId, index);
        const meta = metaById.get(f.ruleId);
        const rule: Record<string, unknown> = { id: f.ruleId, helpUri: f.docsUrl ?? docsUrl(f.ruleId, ctx.locale) };
        if (meta) {
          rule.shortDescription = { text: pick(meta.description, ctx.locale) };
          rule.defaultConfiguration = {
            enabled: meta.defaultSeverity !== 'off',
            level: meta.defaultSeverity === 'warn' ? 'warning' : 'error',
          };
          rule.properties = { fixable: meta.fixable };
        }
        driverRules.push(rule);
      }
      const related = (f.related ?? []).map((r, id) => {
        const loc: Record<string, unknown> = {
          id,
          physicalLocation: {
            artifactLocation: fileUri(r.filePath, ctx.cwd),
            region: region({ line: r.line, column: r.column, endLine: r.endLine ?? r.line, endColumn: r.endColumn ?? r.column }),
          },
        };
        if (r.message) loc.message = { text: r.message };
        return loc;
      });
      sarifResults.push({
        ...(related.length ? { relatedLocations: related } : {}),
        ruleId: f.ruleId,
        ruleIndex: index,
        level: f.severity === 'error' ? 'error' : 'warning',
        message: { text: f.message },
        ...(f.entryId !== undefined ? { properties: { entryId: f.entryId } } : {}),
        locations: [
          {
            physicalLocation: {
              artifactLocation: fileUri(result.filePath, ctx.cwd),
              region: region(f),
            },
          },
        ],
      });
    }
  }
  const cwdUri = pathToFileURL(ctx.cwd.endsWith(sep) ? ctx.cwd : ctx.cwd + sep).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'postings',
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: REPOSITORY_URL,
            rules: driverRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return safeJson(log);
};
export default sarif;
