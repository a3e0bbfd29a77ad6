/**
 * Code actions on a posting: each finding's fix and suggestions as quick fixes, "disable for
 * this line" and "disable in this file" (an inline directive), and "fix all" as the source
 * action `source.fixAll.postings` (what `postings lint --fix` would write). Every edit is
 * the smallest replacement that turns the buffer into the new text.
 */
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../types.js';
import { applyFixes, fixText } from '../engine/fix.js';
import { pointToOffset } from '../engine/positions.js';
import { findingCode, toDiagnostic } from './diagnostics.js';
import { disableText } from './disable.js';
import { tl } from './messages.js';
import type { LintState } from './server.js';

export const FIX_ALL_KIND = 'source.fixAll.postings';
const QUICK_FIX = 'quickfix';

export function codeActions(doc: TextDocument, state: LintState, params: CodeActionParams): CodeAction[] {
  const { posting, bom, findings, locale } = state;
  const text = posting.text;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const edit = (newText: string) => ({ changes: { [doc.uri]: [minimalEdit(doc, bom, text, newText)] } });
  const out: CodeAction[] = [];

  if (wants(QUICK_FIX)) {
    const from = doc.offsetAt(params.range.start) - bom;
    const to = doc.offsetAt(params.range.end) - bom;
    const disables: CodeAction[] = [];
    const seen = new Set<string>();
    for (const finding of findings) {
      const [start, end] = spanOf(state, finding);
      if (end < from || start > to) continue;
      const diagnostics: Diagnostic[] = [toDiagnostic(doc, bom, finding, locale)];
      if (finding.fix) {
        out.push({
          title: tl(locale, 'action.fix', { message: finding.message }),
          kind: QUICK_FIX,
          diagnostics,
          isPreferred: true,
          edit: edit(applyFixes(text, [finding]).output),
        });
      }
      for (const suggestion of finding.suggestions ?? []) {
        out.push({
          title: suggestion.desc,
          kind: QUICK_FIX,
          diagnostics,
          isPreferred: !finding.fix && finding.suggestions!.length === 1,
          edit: edit(applyFixes(text, [{ ...finding, fix: suggestion.fix }]).output),
        });
      }
      // A rule that failed is a bug to report, not a finding to silence.
      if (finding.ruleId.startsWith('internal/')) continue;
      const code = findingCode(finding);
      for (const scope of ['line', 'file'] as const) {
        const key = scope === 'line' ? `line:${finding.line}:${code}` : `file:${code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const newText = disableText(posting, finding, code, scope);
        if (newText === undefined) continue;
        disables.push({
          title: tl(locale, scope === 'line' ? 'action.disableLine' : 'action.disableFile', { code }),
          kind: QUICK_FIX,
          diagnostics,
          edit: edit(newText),
        });
      }
    }
    out.push(...disables);
  }

  if (wants(FIX_ALL_KIND) && findings.some((f) => f.fix)) {
    const fixed = fixText(text, findings, state.relint);
    if (fixed.changed) out.push({ title: tl(locale, 'action.fixAll'), kind: FIX_ALL_KIND, edit: edit(fixed.output) });
  }
  return out;
}

/** The offsets a finding covers (its line when it has no range). */
function spanOf(state: LintState, finding: Finding): [number, number] {
  if (finding.range) return finding.range;
  const { lineStarts, text } = state.posting;
  return [
    pointToOffset(lineStarts, { line: finding.line, column: finding.column }, text.length),
    pointToOffset(lineStarts, { line: finding.endLine, column: finding.endColumn }, text.length),
  ];
}

/** One edit replacing only what differs between `before` and `after` (the engine's text, without the BOM). */
export function minimalEdit(doc: TextDocument, bom: number, before: string, after: string): TextEdit {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never cut a CRLF or a surrogate pair in two.
  const splits = (s: string, i: number) =>
    i > 0 && i < s.length && ((s[i - 1] === '\r' && s[i] === '\n') || /[\uD800-\uDBFF]/.test(s[i - 1]!));
  while (prefix > 0 && (splits(before, prefix) || splits(after, prefix))) prefix--;
  while (suffix > 0 && (splits(before, before.length - suffix) || splits(after, after.length - suffix))) suffix--;
  return {
    range: { start: doc.positionAt(bom + prefix), end: doc.positionAt(bom + before.length - suffix) },
    newText: after.slice(prefix, after.length - suffix),
  };
}
