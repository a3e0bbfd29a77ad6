/**
 * The fix engine: apply the `fix` edits of findings to a text, re-lint, and again, until
 * nothing changes. Pure: text and a lint function in, text and findings out. Suggestions
 * (inclusive-language rewordings, ...) are never applied: only `finding.fix` is read.
 *
 * Every offset is on the text the engine lints (BOM excluded); the caller puts the BOM back.
 */
import type { Edit, Finding } from '../types.js';

export const MAX_FIX_PASSES = 10;

export interface AppliedFixes {
  /** The text with the edits applied. */
  output: string;
  /** Findings whose fix was applied. */
  applied: Finding[];
  /** Findings whose fix was left out because it overlapped an applied one or was out of range. */
  skipped: Finding[];
}

/**
 * Apply the fixes of `findings` to `text` in one go. Edits are taken in order of their start;
 * an edit that overlaps or touches one already taken waits for the next pass (the text is
 * re-linted, so the rule reports it again on the new text if it still applies). Two findings
 * with the very same edit apply it once.
 */
export function applyFixes(text: string, findings: readonly Finding[]): AppliedFixes {
  const eol = detectEol(text);
  const withFix = findings
    .map((finding, order) => ({ finding, order }))
    .filter((x): x is { finding: Finding & { fix: Edit }; order: number } => Boolean(x.finding.fix))
    .sort(
      (a, b) =>
        a.finding.fix.range[0] - b.finding.fix.range[0] ||
        a.finding.fix.range[1] - b.finding.fix.range[1] ||
        a.order - b.order,
    );
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  const parts: string[] = [];
  let cursor = 0;
  let last: Edit | undefined;
  for (const { finding } of withFix) {
    const [start, end] = finding.fix.range;
    const valid = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
    if (!valid) {
      skipped.push(finding);
      continue;
    }
    if (last && last.range[0] === start && last.range[1] === end && last.text === finding.fix.text) {
      applied.push(finding); // the same edit from another finding: already in
      continue;
    }
    if (last && start <= last.range[1]) {
      skipped.push(finding);
      continue;
    }
    parts.push(text.slice(cursor, start), adaptEol(finding.fix.text, eol));
    cursor = end;
    last = finding.fix;
    applied.push(finding);
  }
  parts.push(text.slice(cursor));
  return { output: parts.join(''), applied, skipped };
}

export interface FixOutcome {
  /** The fixed text (equal to the input when nothing was fixed). */
  output: string;
  /** Whether `output` differs from the input. */
  changed: boolean;
  /** The findings left on `output`. */
  findings: Finding[];
  /** How many passes changed the text. */
  passes: number;
  /** How many fixes were applied over all passes. */
  fixCount: number;
}

/**
 * Fix `text` until it is stable: apply the fixes of `findings` (the lint of `text`), re-lint
 * the result with `lint`, and repeat, at most `maxPasses` times. The returned findings are
 * always those of the returned text. The final newline stays as it was.
 */
export function fixText(
  text: string,
  findings: Finding[],
  lint: (text: string) => Finding[],
  maxPasses = MAX_FIX_PASSES,
): FixOutcome {
  let current = text;
  let currentFindings = findings;
  let passes = 0;
  let fixCount = 0;
  while (passes < maxPasses && currentFindings.some((f) => f.fix)) {
    const { output, applied } = applyFixes(current, currentFindings);
    const next = keepFinalNewline(text, output);
    if (next === current) break;
    passes++;
    fixCount += applied.length;
    current = next;
    currentFindings = lint(current);
  }
  return { output: current, changed: current !== text, findings: currentFindings, passes, fixCount };
}

/** `\r\n` when the text's first line ends that way, else `\n`. */
export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Line breaks in inserted text follow the file's: a CRLF file gets CRLF. */
function adaptEol(insert: string, eol: '\n' | '\r\n'): string {
  if (!insert.includes('\n')) return insert;
  const lf = insert.replace(/\r\n/g, '\n');
  return eol === '\n' ? lf : lf.replace(/\n/g, '\r\n');
}

/** A fix never adds or removes the file's final newline. */
function keepFinalNewline(original: string, output: string): string {
  const had = /\n$/.test(original);
  const has = /\n$/.test(output);
  if (had && !has && output.length > 0) return output + detectEol(original);
  if (!had && has && original.length > 0) return output.replace(/\r?\n$/, '');
  return output;
}
