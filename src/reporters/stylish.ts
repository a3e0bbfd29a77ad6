/** The default reporter: findings grouped by file, then a summary line. */
import { relative, isAbsolute } from 'node:path';
import { Chalk } from 'chalk';
import type { FileResult } from '../types.js';
import { t } from '../i18n/cli.js';
import type { Reporter } from './types.js';
import { visibleControls } from './control.js';
import { byCount } from '../i18n/plural.js';

const stylish: Reporter = (results, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const L = ctx.locale;
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const result of results as FileResult[]) {
    if (result.findings.length === 0) continue;
    const shown = isAbsolute(result.filePath) ? relative(ctx.cwd, result.filePath) || result.filePath : result.filePath;
    lines.push('', c.underline(visibleControls(shown)));
    const rows = result.findings.map((f) => {
      if (f.severity === 'error') {
        errors++;
        if (f.fix) fixableErrors++;
      } else {
        warnings++;
        if (f.fix) fixableWarnings++;
      }
      return {
        pos: `${f.line}:${f.column}`,
        sev: t(L, f.severity === 'error' ? 'severity.error' : 'severity.warning'),
        isError: f.severity === 'error',
        message: visibleControls(f.message.replace(/\s*\r?\n\s*/g, ' ')),
        // The id a `postings-disable` comment takes: `inclusive-language/terms:guys`.
        ruleId: visibleControls(f.entryId ? `${f.ruleId}:${f.entryId}` : f.ruleId),
        // The other side of a pair finding, as rustc and tsc print a related place.
        related: (f.related ?? []).map((r) => {
          const file = isAbsolute(r.filePath) ? relative(ctx.cwd, r.filePath) || r.filePath : r.filePath;
          const lines = r.endLine !== undefined && r.endLine > r.line ? `${r.line}–${r.endLine}` : String(r.line);
          const location = visibleControls(`${file}:${lines}`);
          const message = r.message ? visibleControls(r.message.replace(/\s*\r?\n\s*/g, ' ')) : '';
          return message ? t(L, 'stylish.related', { location, message }) : t(L, 'stylish.relatedBare', { location });
        }),
      };
    });
    // A reduce, not Math.max(...rows): a file with 200,000 findings would overflow the stack.
    const posWidth = rows.reduce((w, r) => Math.max(w, r.pos.length), 0);
    const sevWidth = rows.reduce((w, r) => Math.max(w, r.sev.length), 0);
    for (const r of rows) {
      const sev = r.sev.padEnd(sevWidth);
      lines.push(
        `  ${c.dim(r.pos.padEnd(posWidth))}  ${r.isError ? c.red(sev) : c.yellow(sev)}  ${r.message}  ${c.dim(r.ruleId)}`,
      );
      for (const line of r.related) lines.push(`  ${' '.repeat(posWidth)}  ${' '.repeat(sevWidth)}  ${c.dim(`↳ ${line}`)}`);
    }
  }
  const total = errors + warnings;
  const siteLine = ctx.site ? c.dim(t(L, "summary.site", ctx.site)) + '\n' : '';
  if (total === 0) {
    const files = results.length;
    return `${c.green(t(L, 'summary.clean', { files, fileWord: t(L, byCount(L, files, 'summary.file', 'summary.files')) }))}\n${siteLine}`;
  }
  const summary = t(L, 'summary.problems', {
    total,
    problemWord: t(L, byCount(L, total, 'summary.problem', 'summary.problems.plural')),
    errors,
    errorWord: t(L, byCount(L, errors, 'summary.error', 'summary.errors')),
    warnings,
    warningWord: t(L, byCount(L, warnings, 'summary.warning', 'summary.warnings')),
  });
  lines.push('', (errors ? c.red.bold : c.yellow.bold)(`✖ ${summary}`));
  if (fixableErrors + fixableWarnings > 0) {
    lines.push(
      c.dim(
        `  ${t(L, 'summary.fixable', {
          errors: fixableErrors,
          errorWord: t(L, byCount(L, fixableErrors, 'summary.error', 'summary.errors')),
          warnings: fixableWarnings,
          warningWord: t(L, byCount(L, fixableWarnings, 'summary.warning', 'summary.warnings')),
        })}`,
      ),
    );
  }
  return lines.join('\n') + '\n' + siteLine;
};
export default stylish;
