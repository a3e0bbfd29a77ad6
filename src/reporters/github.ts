/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { FileResult } from '../types.js';
import type { Reporter } from './types.js';
import { relativePath } from './paths.js';
import { visibleControls } from './control.js';

/**
 * The message part: `%`, CR and LF escaped (as GitHub's toolkit `escapeData`); any other
 * control character (an ANSI escape would recolour or hide the log) made visible.
 */
export function escapeData(value: string): string {
  return visibleControls(value, { keepLineBreaks: true }).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as `escapeData`, and `:` and `,` too (as the toolkit `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const github: Reporter = (results, ctx) => {
  const lines: string[] = [];
  for (const result of results as FileResult[]) {
    const file = relativePath(result.filePath, ctx.cwd);
    for (const f of result.findings) {
      // GitHub takes columns on one line only: a finding over several lines gets lines alone.
      const oneLine = f.endLine === f.line;
      const props: Array<[string, string | number]> = [
        ['file', file],
        ['line', f.line],
        ...(oneLine ? [['col', f.column] as [string, number]] : []),
        ['endLine', f.endLine],
        ...(oneLine ? [['endColumn', f.endColumn] as [string, number]] : []),
        ['title', f.entryId ? `${f.ruleId}:${f.entryId}` : f.ruleId],
      ];
      const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
      lines.push(`::${f.severity === 'error' ? 'error' : 'warning'} ${list}::${escapeData(f.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
export default github;
