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

/**
 * The `file=` property: the real path, escaped exactly as the toolkit's `escapeProperty`
 * (`%`, CR, LF, `:`, `,`), which is all the runner decodes. Any other control character is
 * kept as it is, so that the annotation still names the file GitHub knows and attaches to
 * it; it cannot start a second command (only a line feed could, and it is escaped).
 */
export function escapeFileProperty(value: string): string {
  return value
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}

const github: Reporter = (results, ctx) => {
  const lines: string[] = [];
  for (const result of results as FileResult[]) {
    const file = relativePath(result.filePath, ctx.cwd);
    // A name with control characters is shown readable (`␛`, `\u202e`) in the message, since
    // the `file=` property holds the real bytes.
    const readable = visibleControls(file);
    const prefix = readable === file ? '' : `${readable}: `;
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
      const list = props
        .map(([k, v]) => `${k}=${k === 'file' ? escapeFileProperty(String(v)) : escapeProperty(String(v))}`)
        .join(',');
      lines.push(`::${f.severity === 'error' ? 'error' : 'warning'} ${list}::${escapeData(prefix + f.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
export default github;
