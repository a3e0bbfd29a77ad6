import type { Finding, Locale, RuleModule, Severity } from '../types.js';
import { docsUrl } from '../meta.js';
import { formatMessage, pick } from './format.js';

/** A finding about a whole file that no rule run produced (unreadable file, ...). */
export function fileFinding(
  rule: RuleModule,
  messageId: string,
  data: Record<string, string | number>,
  locale: Locale,
): Finding {
  const template = rule.meta.messages[messageId];
  const severity: Severity = rule.meta.defaultSeverity === 'warn' ? 'warning' : 'error';
  return {
    ruleId: rule.meta.id,
    severity,
    message: template ? formatMessage(pick(template, locale), data) : messageId,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    docsUrl: docsUrl(rule.meta.id, locale),
    messageId,
  };
}

