/** An outcome made of one `internal/*` finding about the whole file (no parse needed). */
import type { Locale, RuleModule } from '../types.js';
import { fileFinding } from '../engine/file-finding.js';
import type { JobOutcome } from './job.js';

function byId(rules: readonly RuleModule[], id: string): RuleModule {
  return rules.find((r) => r.meta.id === id)!;
}

/** A finding about the whole file from one of the `internal/*` rules. */
export function internalOutcome(
  rules: readonly RuleModule[],
  filePath: string,
  ruleId: string,
  messageId: string,
  data: Record<string, string | number>,
  locale: Locale,
): JobOutcome {
  const finding = fileFinding(byId(rules, ruleId), messageId, data, locale);
  return { filePath, findings: [finding], texts: [''] };
}

