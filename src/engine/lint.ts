/**
 * The engine: text and configuration in, findings out. No file system, no console, no
 * process: the CLI does the I/O.
 */
import { frenchTypography } from '../i18n/typography.js';
import type {
  Finding,
  Locale,
  ParsedPosting,
  ProjectIndex,
  ReportDescriptor,
  ResolvedConfig,
  RuleContext,
  RuleModule,
  Severity,
} from '../types.js';
import { docsUrl } from '../meta.js';
import { collectDirectives, makeSilencer, namesRule } from './directives.js';
import { formatMessage, pick, closest } from './format.js';
import { parsePosting } from './parse.js';
import { offsetToPoint } from './positions.js';
import { fileFinding } from './file-finding.js';
import { compareCodeUnits } from './compare.js';

export { fileFinding };

export const RULE_ERROR_ID = 'internal/rule-error';
export const UNKNOWN_DIRECTIVE_ID = 'directives/unknown-rule';

export interface LintOptions {
  filePath: string;
  config: ResolvedConfig;
  /** Every known rule; the configuration says which run. */
  rules: readonly RuleModule[];
  locale: Locale;
  project?: ProjectIndex;
  /** A posting already parsed from this text (the CLI parses each file once). */
  parsed?: ParsedPosting;
}

export function lintText(text: string, options: LintOptions): Finding[] {
  const posting = options.parsed ?? parsePosting(text, options.filePath, options.config.language);
  return lintPosting(posting, options);
}

export function lintPosting(posting: ParsedPosting, options: LintOptions): Finding[] {
  const { config, locale } = options;
  const findings: Finding[] = [];
  const byId = new Map(options.rules.map((r) => [r.meta.id, r]));

  const toFinding = (rule: RuleModule, severity: Severity, d: ReportDescriptor): Finding => {
    const [start, end] = resolveRange(posting, d);
    const s = offsetToPoint(posting.lineStarts, start);
    const e = offsetToPoint(posting.lineStarts, end);
    const template = rule.meta.messages[d.messageId];
    // French fragments some rules pass as data (« le texte « no » ») get the same typography.
    const formatted = template ? formatMessage(pick(template, locale), d.data) : d.messageId;
    const message = locale === 'fr' ? frenchTypography(formatted) : formatted;
    const finding: Finding = {
      ruleId: rule.meta.id,
      severity,
      message,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      range: [start, end],
      docsUrl: docsUrl(rule.meta.id, locale),
      messageId: d.messageId,
    };
    if (d.entryId !== undefined) finding.entryId = d.entryId;
    if (d.fix && rule.meta.fixable) finding.fix = d.fix;
    if (d.related?.length) finding.related = d.related;
    if (d.suggestions?.length) {
      finding.suggestions = d.suggestions.map((sg) => {
        const t = rule.meta.messages[sg.messageId];
        return { desc: t ? formatMessage(pick(t, locale), sg.data) : sg.messageId, fix: sg.fix };
      });
    }
    return finding;
  };

  for (const rule of options.rules) {
    const setting = config.rules[rule.meta.id];
    const severitySetting = setting?.severity ?? rule.meta.defaultSeverity;
    if (severitySetting === 'off') continue;
    const severity: Severity = severitySetting === 'error' ? 'error' : 'warning';
    const context: RuleContext = {
      ruleId: rule.meta.id,
      posting,
      filePath: posting.filePath,
      lang: posting.lang,
      locale,
      options: setting?.options ?? {},
      config,
      project: options.project,
      report: (d) => findings.push(toFinding(rule, severity, d)),
      pointAt: (offset) => offsetToPoint(posting.lineStarts, offset),
    };
    try {
      rule.create(context);
    } catch (error) {
      const internal = byId.get(RULE_ERROR_ID);
      if (internal) {
        const reason = error instanceof Error ? error.message : String(error);
        findings.push(
          toFinding(internal, 'error', {
            messageId: 'crashed',
            data: { rule: rule.meta.id, reason: reason.split('\n')[0]! },
            loc: { range: [0, 0] },
          }),
        );
      }
    }
  }

  const directives = collectDirectives(posting);
  const silenced = makeSilencer(directives);
  const kept = findings.filter((f) => f.ruleId === RULE_ERROR_ID || !silenced(f.ruleId, f.line));

  const unknownRule = byId.get(UNKNOWN_DIRECTIVE_ID);
  const unknownSetting = config.rules[UNKNOWN_DIRECTIVE_ID]?.severity ?? unknownRule?.meta.defaultSeverity;
  if (unknownRule && unknownSetting !== 'off') {
    for (const d of directives) {
      for (const { id, range } of d.ruleRanges) {
        if (byId.has(id)) continue;
        // A family (`inclusive-language`) names every rule in it.
        if ([...byId.keys()].some((ruleId) => namesRule(id, ruleId))) continue;
        // `rule/id:entry` silences one entry of a rule (the rule reads those itself); the
        // entry must be one the rule knows, when the rule says which it knows.
        const colon = id.indexOf(':');
        const owner = colon > 0 ? byId.get(id.slice(0, colon)) : undefined;
        if (owner) {
          const entry = id.slice(colon + 1);
          const known = owner.meta.entryIds?.(config);
          if (!known || known.includes(entry)) continue;
          const guess = closest(entry, known);
          kept.push(
            toFinding(unknownRule, unknownSetting === 'error' ? 'error' : 'warning', {
              messageId: guess ? 'unknownEntryWithGuess' : 'unknownEntry',
              data: { id, entry, rule: owner.meta.id, guess: guess ? `${owner.meta.id}:${guess}` : '' },
              loc: { range },
            }),
          );
          continue;
        }
        const guess = closest(id, byId.keys());
        kept.push(
          toFinding(unknownRule, unknownSetting === 'error' ? 'error' : 'warning', {
            messageId: guess ? 'unknownWithGuess' : 'unknown',
            data: { id, guess: guess ?? '' },
            loc: { range },
          }),
        );
      }
    }
  }

  return sortFindings(kept);
}

function resolveRange(posting: ParsedPosting, d: ReportDescriptor): [number, number] {
  const loc = d.loc;
  let start = 0;
  let end = 0;
  if ('range' in loc) [start, end] = loc.range;
  else if ('node' in loc) {
    start = loc.node.position?.start.offset ?? 0;
    end = loc.node.position?.end.offset ?? start;
  } else {
    const ls = posting.lineStarts;
    const toOffset = (p: { line: number; column: number }) =>
      Math.min((ls[Math.min(p.line, ls.length) - 1] ?? 0) + p.column - 1, posting.text.length);
    start = toOffset(loc.start);
    end = loc.end ? toOffset(loc.end) : start;
  }
  start = Math.max(0, Math.min(start, posting.text.length));
  end = Math.max(start, Math.min(end, posting.text.length));
  return [start, end];
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.line - b.line || a.column - b.column || compareCodeUnits(a.ruleId, b.ruleId),
  );
}
