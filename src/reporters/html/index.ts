/**
 * `--format html`: one self-contained page for writers and managers. A summary (counts,
 * problems by rule and by language, the English and French pairs side by side), then every
 * posting with its findings: position, rule, message, the source line with the span marked,
 * each fix or suggestion as a small diff, and a link to the rule's page.
 *
 * Everything is in the HTML: the page reads the same without JavaScript. The inline script
 * only filters (severity, rule, language, posting, search; the state in the URL fragment),
 * and it reads nothing from the posting but DOM attributes and text: no posting data is
 * ever embedded in a script. A Content-Security-Policy allows just this page's own style
 * and script (by hash), so even a tag that escaping missed could not run.
 */
import { createHash } from 'node:crypto';
import type { FileResult, Finding, Lang, Locale, RelatedLocation, RuleMeta } from '../../types.js';
import type { ReportContext, ReportPosting, Reporter } from '../types.js';
import { docsUrl } from '../../meta.js';
import { relativePath } from '../paths.js';
import { counts, label, type LabelKey } from './labels.js';
import { SourceLines, editDiff, esc, linesExcerpt, sourceExcerpt, text } from './excerpt.js';
import { SCRIPT, STYLE } from './assets.js';

interface Item {
  id: string;
  result: FileResult;
  path: string;
  info: ReportPosting | undefined;
  errors: number;
  warnings: number;
  /** A Hugo layout template (linted for what it prints), not a posting. */
  template: boolean;
}

/** Postings are Markdown; the other files a run reports are the site's layout templates. */
const isTemplate = (filePath: string) => !/\.(md|markdown)$/i.test(filePath);

const html: Reporter = (results, ctx) => {
  const L = ctx.locale;
  const info = new Map((ctx.postings ?? []).map((p) => [p.filePath, p]));
  const items: Item[] = results
    .map((result) => ({
      id: '',
      result,
      path: relativePath(result.filePath, ctx.cwd),
      info: info.get(result.filePath),
      errors: result.findings.filter((f) => f.severity === 'error').length,
      warnings: result.findings.filter((f) => f.severity === 'warning').length,
      template: isTemplate(result.filePath),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  items.forEach((item, i) => (item.id = `p-${i + 1}`));
  const errors = items.reduce((n, i) => n + i.errors, 0);
  const warnings = items.reduce((n, i) => n + i.warnings, 0);
  const csp = [
    "default-src 'none'",
    `style-src '${hash(STYLE)}'`,
    `script-src '${hash(SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return (
    `<!DOCTYPE html>\n<html lang="${L}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="generator" content="postings ${esc(ctx.version)}">\n` +
    `<link rel="icon" href="data:,">\n` +
    `<title>${esc(label(L, 'page.titleCounts', { counts: counts(L, errors, warnings) }))}</title>\n` +
    `<style>${STYLE}</style>\n</head>\n<body>\n` +
    `<a class="skip" href="#postings">${esc(label(L, 'skip'))}</a>\n` +
    `<header><h1>${esc(label(L, 'page.title'))}</h1><p>${esc(label(L, 'page.generated', { version: ctx.version }))}</p></header>\n` +
    `<main>\n${summary(items, ctx)}${ctx.postings ? pairs(items.filter((i) => !i.template), ctx) : ''}${filters(items, ctx)}${postings(items, ctx)}</main>\n` +
    `<script>${SCRIPT}</script>\n</body>\n</html>\n`
  );
};
export default html;

function hash(s: string): string {
  return `sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}`;
}

function langName(L: Locale, lang: Lang | undefined): string {
  return label(L, lang === 'en' ? 'lang.en' : lang === 'fr' ? 'lang.fr' : 'lang.none');
}

function num(n: number): string {
  return String(n);
}

/** A table in a scroll box that the keyboard can reach (a wide table on a phone scrolls), named by its heading. */
function table(labelledBy: string, head: string[], rows: string[][], numeric: number[], cls = ''): string {
  const th = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return (
    `<div class="scroll" role="region" aria-labelledby="${labelledBy}" tabindex="0"><table aria-labelledby="${labelledBy}"${cls ? ` class="${cls}"` : ''}>` +
    `<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>\n`
  );
}

/** A rule id that may break after its `/` and `-` rather than anywhere. */
function ruleId(id: string): string {
  return text(id).replace(/([/-])/g, '$1<wbr>');
}

/** A rule description or a message: escaped, with its `code` spans shown as code. */
function description(s: string): string {
  return text(s).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function summary(items: Item[], ctx: ReportContext): string {
  const L = ctx.locale;
  const errors = items.reduce((n, i) => n + i.errors, 0);
  const warnings = items.reduce((n, i) => n + i.warnings, 0);
  const fixable = items.reduce((n, i) => n + i.result.findings.filter((f) => f.fix).length, 0);
  const withFindings = items.filter((i) => !i.template && i.result.findings.length > 0).length;
  const templates = items.filter((i) => i.template).length;
  const stat = (key: LabelKey, n: number, cls = '') => statCard(L, key, n, cls);
  let out =
    `<section><h2 id="summary-h">${esc(label(L, 'summary'))}</h2>\n<dl class="stats">` +
    stat('stat.postings', items.length - templates) +
    stat('stat.withFindings', withFindings) +
    (templates ? stat('stat.templates', templates) : '') +
    stat('stat.errors', errors, errors ? ' has-errors' : '') +
    stat('stat.warnings', warnings, warnings ? ' has-warnings' : '') +
    stat('stat.fixable', fixable) +
    `</dl>\n`;

  // By rule, most frequent first.
  const meta = new Map<string, RuleMeta>(ctx.rules.map((m) => [m.id, m]));
  const byRule = new Map<string, { errors: number; warnings: number; docs: string }>();
  for (const item of items) {
    for (const f of item.result.findings) {
      const row = byRule.get(f.ruleId) ?? { errors: 0, warnings: 0, docs: ruleDocs(f, L) };
      if (f.severity === 'error') row.errors++;
      else row.warnings++;
      byRule.set(f.ruleId, row);
    }
  }
  out += `<h3 id="by-rule-h">${esc(label(L, 'byRule'))}</h3>\n`;
  if (byRule.size === 0) out += `<p>${esc(label(L, 'noRules'))}</p>\n`;
  else {
    const rows = [...byRule.entries()]
      .sort((a, b) => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || (a[0] < b[0] ? -1 : 1))
      .map(([id, r]) => [
        (r.docs ? `<a href="${esc(r.docs)}"><code>${ruleId(id)}</code></a>` : `<code>${ruleId(id)}</code>`) +
          `<span class="desc">${description(meta.get(id)?.description[L] ?? '')}</span>` +
          // Shown by the script only: without it, the filters it sets do not exist.
          `<a class="show" href="#rule=${esc(encodeURIComponent(id))}" hidden>${esc(label(L, 'byRule.show'))}<span class="sr"> (${text(id)})</span></a>`,
        num(r.errors),
        num(r.warnings),
      ]);
    out += table(
      'by-rule-h',
      [esc(label(L, 'col.rule')), esc(label(L, 'col.errors')), esc(label(L, 'col.warnings'))],
      rows,
      [1, 2],
    );
  }

  // By language of the posting.
  const langs: Array<Lang | undefined> = ['en', 'fr', undefined];
  const rows: string[][] = [];
  for (const lang of langs) {
    const of = items.filter((i) => !i.template && i.info?.lang === lang);
    if (of.length === 0 && lang === undefined) continue;
    rows.push([
      esc(langName(L, lang)),
      num(of.length),
      num(of.filter((i) => i.result.findings.length > 0).length),
      num(of.reduce((n, i) => n + i.errors, 0)),
      num(of.reduce((n, i) => n + i.warnings, 0)),
    ]);
  }
  out += `<h3 id="by-language-h">${esc(label(L, 'byLanguage'))}</h3>\n`;
  out += table(
    'by-language-h',
    ['language', 'postings', 'withFindings', 'errors', 'warnings'].map((k) => esc(label(L, `col.${k}` as Parameters<typeof label>[1]))),
    rows,
    [1, 2, 3, 4],
  );
  return out + `</section>\n`;
}

/** The rule's page, in French for a French report (`docs/rules/<id>.fr.md`); only http(s) links. */
function statCard(L: Locale, key: LabelKey, n: number, cls = ''): string {
  return `<div class="stat${cls}"><dt>${esc(label(L, key))}</dt><dd>${num(n)}</dd></div>`;
}

function ruleDocs(f: Finding, L: Locale): string {
  let url = f.docsUrl ?? docsUrl(f.ruleId);
  if (L === 'fr' && url === docsUrl(f.ruleId)) url = url.replace(/\.md$/, '.fr.md');
  return /^https?:\/\//i.test(url) ? url : '';
}

function pairs(items: Item[], ctx: ReportContext): string {
  const L = ctx.locale;
  const byFile = new Map(items.map((i) => [i.result.filePath, i]));
  const known = new Map((ctx.postings ?? []).map((p) => [p.filePath, p]));
  // One row per pair of one site: two sites reported together keep their pairs apart.
  const groups = new Map<string, { key: string; en: ReportPosting[]; fr: ReportPosting[] }>();
  const unpairable: Array<{ item: Item; reason: 'pair.nokey' | 'pair.nolang' }> = [];
  for (const item of items) {
    const p = item.info;
    if (!p || !p.lang || p.key === undefined) {
      unpairable.push({ item, reason: p?.lang ? 'pair.nokey' : 'pair.nolang' });
      continue;
    }
    const id = `${p.scope ?? ''}\u0000${p.key}`;
    const g = groups.get(id) ?? { key: p.key, en: [], fr: [] };
    if (!g[p.lang].includes(p)) g[p.lang].push(p);
    for (const other of p.partners) {
      const o = known.get(other);
      if (o?.lang && !g[o.lang].includes(o)) g[o.lang].push(o);
    }
    groups.set(id, g);
  }
  const cell = (list: ReportPosting[]) =>
    list.length === 0
      ? `<span class="none">—<span class="sr"> ${esc(label(L, 'pair.none'))}</span></span>`
      : list
          .map((p) => {
            const item = byFile.get(p.filePath);
            const name = p.title ? `<span lang="${p.lang}">${text(p.title)}</span>` : text(item?.path ?? p.filePath);
            if (!item) return `<span class="pp">${name} <span class="note">(${esc(label(L, 'pair.notLinted'))})</span></span>`;
            return `<span class="pp"><a href="#${item.id}">${name}</a> <span class="path">${text(item.path)}</span> ${findingCounts(item, L)}</span>`;
          })
          .join('');
  let complete = 0;
  let completeWithFindings = 0;
  let incomplete = 0;
  let duplicates = 0;
  const rows: string[][] = [];
  for (const g of [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const key = g.key;
    let status: 'pair.complete' | 'pair.duplicate' | 'pair.missing.en' | 'pair.missing.fr';
    if (g.en.length > 1 || g.fr.length > 1) status = 'pair.duplicate';
    else if (g.en.length === 0) status = 'pair.missing.en';
    else if (g.fr.length === 0) status = 'pair.missing.fr';
    else status = 'pair.complete';
    const reported = [...g.en, ...g.fr].map((p) => byFile.get(p.filePath)).filter((i): i is Item => !!i);
    const hasFindings = reported.some((i) => i.result.findings.length > 0);
    if (status === 'pair.complete') {
      complete++;
      if (hasFindings) completeWithFindings++;
    } else if (status === 'pair.duplicate') duplicates++;
    else incomplete += reported.length;
    rows.push([
      `<code>${ruleId(key)}</code>${pairStatus(L, status)}`,
      cell(g.en),
      cell(g.fr),
    ]);
  }
  for (const { item, reason } of unpairable) {
    const lang = item.info?.lang;
    const self = item.info ?? { filePath: item.result.filePath, lang: undefined, title: undefined, key: undefined, partners: [] };
    rows.push([
      `<span class="none">—</span>${pairStatus(L, reason)}`,
      lang === 'fr' ? cell([]) : cell([self]),
      lang === 'fr' ? cell([self]) : cell([]),
    ]);
  }
  return (
    `<section><h2 id="pairs-h">${esc(label(L, 'pairs'))}</h2>\n` +
    `<dl class="stats">${statCard(L, 'pairs.complete', complete)}${statCard(L, 'pairs.completeWithFindings', completeWithFindings)}` +
    `${statCard(L, 'pairs.incomplete', incomplete)}${statCard(L, 'pairs.duplicates', duplicates)}${statCard(L, 'pairs.nokey', unpairable.length)}</dl>\n` +
    table(
      'pairs-h',
      [esc(label(L, 'col.key')), esc(label(L, 'lang.en')), esc(label(L, 'lang.fr'))],
      rows,
      [],
      'pairs',
    ) +
    `</section>\n`
  );
}

function pairStatus(L: Locale, status: Parameters<typeof label>[1]): string {
  return `<span class="status ${status === 'pair.complete' ? 'ok' : 'ko'}">${esc(label(L, status))}</span>`;
}

function findingCounts(item: Item, L: Locale): string {
  if (item.result.findings.length === 0) return `<span class="clean">${esc(label(L, 'posting.clean'))}</span>`;
  return `<span class="counts ${item.errors ? 'error' : 'warning'}">${esc(counts(L, item.errors, item.warnings))}</span>`;
}

function option(value: string, content: string): string {
  return `<option value="${value}">${content}</option>`;
}

/** The filter form: hidden until the script shows it (without JavaScript it could do nothing). */
function filters(items: Item[], ctx: ReportContext): string {
  const L = ctx.locale;
  const total = items.reduce((n, i) => n + i.result.findings.length, 0);
  const ruleCounts = new Map<string, number>();
  for (const i of items) for (const f of i.result.findings) ruleCounts.set(f.ruleId, (ruleCounts.get(f.ruleId) ?? 0) + 1);
  const rules = [...ruleCounts.keys()].sort();
  const langs = (['en', 'fr', undefined] as const).filter((l) => items.some((i) => i.info?.lang === l));
  const sev = (s: 'error' | 'warning') =>
    `<label class="check"><input type="checkbox" name="severity" value="${s}" checked> ${esc(label(L, `severity.${s}`))}</label>`;
  return (
    `<section id="filter-section" hidden><h2 id="filters-h">${esc(label(L, 'filters'))}</h2>\n` +
    `<form id="filters" class="filters">\n` +
    `<fieldset><legend>${esc(label(L, 'filter.severity'))}</legend>${sev('error')}${sev('warning')}</fieldset>\n` +
    `<div class="field"><label for="f-rule">${esc(label(L, 'filter.rule'))}</label><select id="f-rule" name="rule">` +
    option('', esc(label(L, 'filter.allRules'))) +
    rules.map((r) => option(esc(r), `${text(r)} (${ruleCounts.get(r)})`)).join('') +
    `</select></div>\n` +
    `<div class="field"><label for="f-lang">${esc(label(L, 'filter.language'))}</label><select id="f-lang" name="lang">` +
    option('', esc(label(L, 'filter.allLanguages'))) +
    langs.map((l) => option(l ?? 'none', esc(langName(L, l)))).join('') +
    `</select></div>\n` +
    `<div class="field"><label for="f-posting">${esc(label(L, 'filter.posting'))}</label><select id="f-posting" name="posting">` +
    option('', esc(label(L, 'filter.allPostings'))) +
    items.map((i) => option(text(i.path), text(i.path))).join('') +
    `</select></div>\n` +
    `<div class="field wide"><label for="f-q">${esc(label(L, 'filter.search'))}</label><input id="f-q" name="q" type="search" autocomplete="off"></div>\n` +
    `<div class="actions"><button type="button" id="f-reset">${esc(label(L, 'filter.reset'))}</button></div>\n` +
    `</form>\n` +
    `<p id="filter-status" role="status" data-template="${esc(label(L, 'filter.status'))}">${esc(
      label(L, 'filter.status', { shown: total, total, postings: items.length }),
    )}</p>\n` +
    `<p class="hint">${esc(label(L, 'filter.hint'))}</p>\n</section>\n`
  );
}

function postings(items: Item[], ctx: ReportContext): string {
  const L = ctx.locale;
  const byFile = new Map(items.map((i) => [i.result.filePath, i]));
  const known = new Map((ctx.postings ?? []).map((p) => [p.filePath, p]));
  let out = `<section id="postings" tabindex="-1"><h2 id="postings-h">${esc(label(L, 'postings'))}</h2>\n`;
  // The other side of a pair finding: its file's section when it is in the report, and its
  // text (from the report, or read for it by the CLI) for the excerpt.
  const sources = new Map<string, SourceLines | null>();
  const partner = (r: RelatedLocation): Partner => {
    const other = byFile.get(r.filePath);
    let lines = sources.get(r.filePath);
    if (lines === undefined) {
      const source = other?.result.source ?? ctx.relatedTexts?.get(r.filePath);
      sources.set(r.filePath, (lines = source !== undefined ? new SourceLines(source) : null));
    }
    return {
      path: other?.path ?? relativePath(r.filePath, ctx.cwd),
      id: other?.id,
      lang: other?.info?.lang ?? known.get(r.filePath)?.lang,
      lines: lines ?? undefined,
    };
  };
  const templates = items.filter((i) => i.template);
  for (const item of [...items.filter((i) => !i.template), ...templates]) {
    if (item === templates[0]) out += `</section>\n<section id="templates"><h2>${esc(label(L, 'templates'))}</h2>\n<p>${esc(label(L, 'templates.intro'))}</p>\n`;
    const p = item.info;
    const lang = p?.lang;
    const titleHtml = item.template
      ? `<code>${text(item.path)}</code>`
      : p?.title
        ? `<span lang="${lang ?? L}">${text(p.title)}</span>`
        : esc(label(L, 'posting.noTitle'));
    const partners = (p?.partners ?? []).map((file) => {
      const other = byFile.get(file);
      const o = known.get(file);
      const name = o?.title ? `<span lang="${o.lang ?? L}">${text(o.title)}</span>` : '';
      const path = text(other?.path ?? relativePath(file, ctx.cwd));
      return other
        ? `<a href="#${other.id}">${name || path}</a>${name ? ` <span class="path">${path}</span>` : ''}`
        : `${name} <span class="path">${path}</span> <span class="note">(${esc(label(L, 'pair.notLinted'))})</span>`;
    });
    out +=
      `<article class="posting${item.template ? ' template' : ''}" id="${item.id}" data-path="${text(item.path)}" data-lang="${lang ?? 'none'}" aria-labelledby="${item.id}-h">\n` +
      `<h3 id="${item.id}-h">${titleHtml}</h3>\n<dl class="meta">` +
      `<div><dt>${esc(label(L, 'posting.path'))}</dt><dd><code>${text(item.path)}</code></dd></div>` +
      (item.template
        ? ''
        : `<div><dt>${esc(label(L, 'posting.language'))}</dt><dd>${esc(langName(L, lang))}</dd></div>` +
          `<div><dt>${esc(label(L, 'posting.partner'))}</dt><dd>${partners.length ? partners.join('<br>') : esc(label(L, 'posting.partnerNone'))}</dd></div>`) +
      `</dl>\n<p class="totals">${findingCounts(item, L)}</p>\n`;
    if (item.result.findings.length > 0) {
      const lines = item.result.source !== undefined ? new SourceLines(item.result.source) : undefined;
      const findings = [...item.result.findings].sort((a, b) => a.line - b.line || a.column - b.column);
      out += `<ol class="findings" aria-label="${text(label(L, 'posting.findings', { title: p?.title ?? item.path }))}">\n`;
      findings.forEach((f, n) => (out += finding(f, `${item.id}-f-${n + 1}`, lines, L, lang, partner)));
      out += `</ol>\n`;
    }
    out += `</article>\n`;
  }
  return out + `</section>\n`;
}

/** What the report knows of the file a related location is in. */
interface Partner {
  path: string;
  /** Its section in the report, when it is in it. */
  id?: string;
  lang?: Lang;
  lines?: SourceLines;
}

/**
 * The finding's own lines and, beside them (under them on a narrow screen), each place in the
 * partner it refers to: what the rule says is there, the partner's path and lines as a link to
 * its section of the report, and those lines.
 */
function sides(
  f: Finding,
  own: string,
  L: Locale,
  partnerOf: (r: RelatedLocation) => Partner,
): string {
  const related = f.related ?? [];
  if (!related.length) return own;
  const parts = related.map((r) => {
    const p = partnerOf(r);
    const span = r.endLine !== undefined && r.endLine > r.line ? `${r.line}–${r.endLine}` : String(r.line);
    const where = `${text(p.path)}:${span}`;
    const link = p.id ? `<a href="#${p.id}">${where}</a>` : `${where} <span class="note">(${esc(label(L, 'related.notInReport'))})</span>`;
    const title = text(r.message || label(L, 'related.partner'));
    // A whole-file place (pairing/stale: line 1, no span) has no lines worth quoting.
    const excerpt =
      p.lines && r.endLine !== undefined
        ? linesExcerpt(p.lines, r.line, r.endLine, L, p.lang, label(L, r.endLine > r.line ? 'related.source' : 'related.sourceLine', { path: p.path, lines: span }), p.path)
        : '';
    return `<div class="side partner"><p class="side-title">${title} — ${link}</p>${excerpt}</div>`;
  });
  const mine = own ? `<div class="side"><p class="side-title">${esc(label(L, 'related.self', { line: f.line }))}</p>${own}</div>` : '';
  return `<div class="sides${mine ? ' two' : ''}">${mine}${parts.join('')}</div>\n`;
}

function finding(f: Finding, id: string, lines: SourceLines | undefined, L: Locale, lang: Lang | undefined, partnerOf: (r: RelatedLocation) => Partner): string {
  const docs = ruleDocs(f, L);
  let out =
    `<li class="finding ${f.severity}" id="${id}" data-severity="${f.severity}" data-rule="${text(f.ruleId)}">\n` +
    `<p class="fhead"><span class="badge ${f.severity}">${esc(label(L, `severity.${f.severity}`))}</span> ` +
    `<span class="pos">${esc(label(L, 'finding.position', { line: f.line, column: f.column }))}</span> ` +
    `<code class="rule">${text(f.ruleId)}</code></p>\n` +
    `<p class="msg">${description(f.message)}</p>\n` +
    sides(f, sourceExcerpt(f, lines, L, lang), L, partnerOf);
  if (f.fix) {
    const diff = editDiff(f.fix, lines, L, lang);
    if (diff) out += `<div class="edit"><p class="edit-title">${esc(label(L, 'finding.fix'))}</p>${diff}</div>\n`;
  }
  for (const s of f.suggestions ?? []) {
    const diff = editDiff(s.fix, lines, L, lang);
    out += `<div class="edit"><p class="edit-title">${text(label(L, 'finding.suggestion', { desc: s.desc }))}</p>${diff}</div>\n`;
  }
  if (docs) out += `<p class="rulelink"><a href="${esc(docs)}">${esc(label(L, 'finding.rulePage', { rule: f.ruleId }))}</a></p>\n`;
  return out + `</li>\n`;
}
