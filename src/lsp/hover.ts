/**
 * Hover on a finding: its message, then the rule's explanation in the locale, taken from
 * the rule's documentation page (`docs/rules/<id>.md`, `.fr.md` in French): the opening
 * paragraph and the "Why" section, with a link to the whole page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hover, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Locale } from '../types.js';
import { rules } from '../rules/index.js';
import { PACKAGE_ROOT } from '../cli/config-loader.js';
import { findingCode, findingRange, ruleDocsUrl } from './diagnostics.js';
import { tl } from './messages.js';
import type { LintState } from './server.js';

export function hoverFor(doc: TextDocument, state: LintState, position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  const hits = state.findings.filter((f) => {
    const r = findingRange(doc, state.bom, f);
    return doc.offsetAt(r.start) <= offset && offset <= doc.offsetAt(r.end);
  });
  if (!hits.length) return null;
  const parts: string[] = [];
  const explained = new Set<string>();
  for (const f of hits) {
    const colon = state.locale === 'fr' ? '\u00a0:' : ':';
    parts.push(`**${escapeMarkdown(f.message)}**\n\n${tl(state.locale, 'hover.rule')}${colon} \`${findingCode(f)}\``);
    if (explained.has(f.ruleId)) continue;
    explained.add(f.ruleId);
    const explanation = ruleExplanation(f.ruleId, state.locale);
    if (explanation) parts.push(explanation);
    parts.push(`[${tl(state.locale, 'hover.docs')}](${ruleDocsUrl(f.ruleId, state.locale)})`);
  }
  const first = findingRange(doc, state.bom, hits[0]!);
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: first };
}

const explanations = new Map<string, string | undefined>();

/** The opening paragraphs and the "Why" section of a rule's page, or its description. */
export function ruleExplanation(ruleId: string, locale: Locale, docsDir = join(PACKAGE_ROOT, 'docs', 'rules')): string | undefined {
  const key = `${locale}:${ruleId}`;
  if (explanations.has(key)) return explanations.get(key);
  let text: string | undefined;
  const file = join(docsDir, `${ruleId}${locale === 'fr' ? '.fr' : ''}.md`);
  if (/^[a-z0-9-]+\/[a-z0-9-]+$/.test(ruleId) && existsSync(file)) {
    const page = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    const sections = page.split(/^## /m);
    const intro = sections[0]!
      .replace(/^# .*\n/, '')
      .replace(/^\*\[[^\]]*\]\([^)]*\)\*\s*$/m, '')
      .trim();
    const why = sections.slice(1).find((s) => /^(Why|Pourquoi)\s*\n/.test(s));
    text = [intro, why ? `**${why.split('\n', 1)[0]!.trim()}**\n\n${why.slice(why.indexOf('\n') + 1).trim()}` : '']
      .filter(Boolean)
      .join('\n\n');
    // Links between rule pages are relative: make them point at the published pages.
    text = text.replace(/\]\(((?:\.\.\/)?[a-z0-9-]+\/?[a-z0-9-]*(?:\.fr)?\.md)\)/g, (_m, target: string) => {
      const id = target.startsWith('../') ? target.slice(3) : `${ruleId.split('/')[0]}/${target}`;
      return `](${ruleDocsUrl(id.replace(/(\.fr)?\.md$/, ''), locale)})`;
    });
  }
  if (!text) {
    const rule = rules.find((r) => r.meta.id === ruleId);
    text = rule ? rule.meta.description[locale] : undefined;
  }
  explanations.set(key, text);
  return text;
}

/** Posting text in a message shows as text, never as Markdown or a link. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!<>|~]/g, (c) => `\\${c}`);
}
