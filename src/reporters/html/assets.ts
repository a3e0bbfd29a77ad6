/**
 * The HTML report's own style and script, inlined in the page (and allowed by hash in its
 * Content-Security-Policy). The script reads the page, never posting data in a script: it
 * shows or hides findings by their `data-*` attributes and text, and keeps the filters in
 * the URL fragment (`#severity=error&rule=…&lang=fr&posting=…&q=…`).
 */

export const STYLE = `
:root { --text: #1b1b1b; --muted: #4d4d4d; --link: #1a4f8b; --line: #c7c7c7; --soft: #f5f6f7;
  --error: #a4161a; --warning: #7a4100; --ok: #1e6b34; --focus: #1a4f8b; }
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--text); background: #fff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
header, main { max-width: 75rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.25rem 0 .5rem; overflow-wrap: anywhere; }
a { color: var(--link); }
a:visited { color: #5b2a86; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .9rem; }
code { overflow-wrap: anywhere; }
.sr { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: -999rem; top: .5rem; background: #fff; padding: .5rem 1rem; border: 2px solid var(--focus); z-index: 2; }
.skip:focus { left: .5rem; }
.stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0 0 1rem; padding: 0; }
.stat { border: 1px solid var(--line); border-radius: .375rem; padding: .5rem .875rem; min-width: 8rem; flex: 1 1 8rem; }
.stat dt { font-size: .875rem; color: var(--muted); }
.stat dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
.stat.has-errors dd { color: var(--error); }
.stat.has-warnings dd { color: var(--warning); }
.scroll { overflow-x: auto; max-width: 100%; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
th, td { border: 1px solid var(--line); padding: .375rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); }
tbody th { font-weight: normal; }
.show { display: inline-block; font-size: .875rem; margin-top: .125rem; }
.desc { display: block; font-size: .9rem; margin-top: .125rem; }
tbody th > code, tbody th > a > code { overflow-wrap: normal; }
.status { display: block; font-size: .875rem; margin-top: .25rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.pp { display: block; margin-bottom: .375rem; }
.pp:last-child { margin-bottom: 0; }
.pp .counts, .pp .clean, .pp .note { display: block; }
table.pairs td { overflow-wrap: break-word; hyphens: auto; }
.path { display: block; color: var(--muted); font-size: .875rem; overflow-wrap: anywhere; }
.counts, .clean, .note { font-size: .875rem; }
.counts.error { color: var(--error); }
.counts.warning { color: var(--warning); }
.clean, .status.ok { color: var(--ok); }
.status.ko { color: var(--error); font-weight: 600; }
.none, .note { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; background: var(--soft); border: 1px solid var(--line); border-radius: .375rem; padding: .75rem 1rem; }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters legend, .field label { display: block; font-weight: 600; font-size: .9rem; margin-bottom: .25rem; padding: 0; }
.check { margin-right: 1rem; white-space: nowrap; }
.check input { width: 1.1rem; height: 1.1rem; vertical-align: -.15rem; }
.field { display: flex; flex-direction: column; min-width: 0; max-width: 100%; }
.field.wide { flex: 1 1 16rem; }
select, input[type=search], button { font: inherit; max-width: 100%; min-height: 2.5rem; padding: .25rem .5rem; border: 1px solid #6b6b6b; border-radius: .25rem; background: #fff; color: var(--text); }
select { max-width: min(100%, 24rem); }
button { cursor: pointer; background: var(--link); color: #fff; border-color: var(--link); padding: .25rem 1rem; }
#filter-status { font-weight: 600; margin: .75rem 0 0; }
.hint { color: var(--muted); font-size: .875rem; margin-top: .25rem; }
.posting { border: 1px solid var(--line); border-radius: .375rem; padding: .25rem 1rem 1rem; margin: 0 0 1.25rem; }
/* A site has thousands of findings: lay out only the postings near the screen. */
.posting { content-visibility: auto; contain-intrinsic-size: auto 40rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .125rem 1rem; margin: 0 0 .5rem; }
.meta div { display: contents; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.meta .path { display: inline; }
.totals { margin: .25rem 0 .5rem; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border-left: 4px solid var(--warning); padding: .25rem 0 .25rem .75rem; margin: .75rem 0; }
.finding.error { border-left-color: var(--error); }
.finding p { margin: .25rem 0; }
.fhead { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; }
.badge { display: inline-block; color: #fff; font-weight: 700; font-size: .8rem; padding: .05rem .5rem; border-radius: 1rem; text-transform: uppercase; letter-spacing: .02em; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.pos { color: var(--muted); }
.rule { background: var(--soft); padding: 0 .25rem; border-radius: .2rem; }
.msg { font-weight: 500; overflow-wrap: anywhere; }
figure { margin: .375rem 0; }
pre { margin: 0; background: var(--soft); border: 1px solid var(--line); border-radius: .25rem; padding: .375rem .5rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.ln { display: inline-block; min-width: 3ch; margin-right: .75rem; color: var(--muted); text-align: right; user-select: none; }
mark { background: #ffe27a; color: var(--text); outline: 1px solid #8a6d00; border-radius: .1rem; }
.edit { margin: .375rem 0; }
.edit-title { font-size: .9rem; font-weight: 600; }
.diff .sign { display: inline-block; width: 1.5ch; color: var(--muted); user-select: none; }
del { background: #ffd9d6; color: #6e0d0d; text-decoration: line-through; }
ins { background: #ccefd5; color: #0d4a1f; text-decoration: underline; }
.rulelink { font-size: .9rem; }
.sides { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0 1rem; }
.side { min-width: 0; }
.side-title { font-size: .875rem; color: var(--muted); margin: .375rem 0 0; overflow-wrap: anywhere; }
.side.partner pre { border-style: dashed; }
@media (min-width: 60rem) { .sides.two { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
[hidden] { display: none !important; }
@media (max-width: 40rem) {
  header, main { padding: 0 .5rem; }
  h1 { font-size: 1.4rem; }
  .posting { padding: .25rem .5rem .75rem; }
  .meta { grid-template-columns: 1fr; }
  .meta dd { margin-bottom: .25rem; }
  .finding { padding-left: .5rem; }
  .filters { padding: .5rem; }
  .field, .filters fieldset, .field.wide { flex: 1 1 100%; }
  select { max-width: 100%; }
  th, td { padding: .25rem .375rem; }
  table.pairs { table-layout: fixed; font-size: .875rem; }
  table.pairs th:first-child { width: 28%; }
  table.pairs code { font-size: .8rem; }
  table.pairs .path { display: none; }
}
@media print { .skip, #filter-section { display: none !important; } .posting { break-inside: avoid-page; } }
`;

export const SCRIPT = `
(function () {
  'use strict';
  var section = document.getElementById('filter-section');
  var form = document.getElementById('filters');
  if (!section || !form) return;
  var status = document.getElementById('filter-status');
  var template = status.getAttribute('data-template');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=severity]'));
  var rule = form.elements.namedItem('rule');
  var lang = form.elements.namedItem('lang');
  var posting = form.elements.namedItem('posting');
  var q = form.elements.namedItem('q');
  var postings = Array.prototype.slice.call(document.querySelectorAll('article.posting')).map(function (article) {
    var head = (article.querySelector('h3').textContent + ' ' + article.getAttribute('data-path')).toLowerCase();
    return {
      el: article,
      lang: article.getAttribute('data-lang'),
      path: article.getAttribute('data-path'),
      findings: Array.prototype.slice.call(article.querySelectorAll('li.finding')).map(function (li) {
        return { el: li, severity: li.getAttribute('data-severity'), rule: li.getAttribute('data-rule'),
          text: head + ' ' + li.textContent.toLowerCase() };
      })
    };
  });
  var total = postings.reduce(function (n, p) { return n + p.findings.length; }, 0);

  function state() {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    return { severity: severities.length === boxes.length ? '' : severities.join(',') || 'none',
      rule: rule.value, lang: lang.value, posting: posting.value, q: q.value.trim() };
  }
  function apply() {
    var s = state();
    var wanted = s.severity === '' ? null : s.severity.split(',');
    var needle = s.q.toLowerCase();
    var byFinding = wanted !== null || s.rule !== '' || needle !== '';
    var shown = 0, shownPostings = 0;
    postings.forEach(function (p) {
      var inScope = (s.lang === '' || p.lang === s.lang) && (s.posting === '' || p.path === s.posting);
      var count = 0;
      p.findings.forEach(function (f) {
        var visible = inScope && (wanted === null || wanted.indexOf(f.severity) >= 0) &&
          (s.rule === '' || f.rule === s.rule) && (needle === '' || f.text.indexOf(needle) >= 0);
        f.el.hidden = !visible;
        if (visible) count++;
      });
      var visiblePosting = inScope && (!byFinding || count > 0);
      p.el.hidden = !visiblePosting;
      if (visiblePosting) shownPostings++;
      shown += count;
    });
    status.textContent = template.replace('{shown}', shown).replace('{total}', total).replace('{postings}', shownPostings);
    return s;
  }
  function save(s) {
    var params = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) params.set(k, s[k]); });
    var text = params.toString();
    var url = location.pathname + location.search + (text ? '#' + text : '');
    try { history.replaceState(null, '', url); } catch (e) { /* some viewers forbid it: the view still filters */ }
  }
  function setSelect(select, value) {
    select.value = value;
    if (select.value !== value) select.value = '';
  }
  function load() {
    var hash = location.hash.slice(1);
    if (hash.indexOf('=') < 0) return false;
    var params = new URLSearchParams(hash);
    var severity = params.get('severity');
    var list = severity ? severity.split(',') : null;
    boxes.forEach(function (b) { b.checked = list === null || list.indexOf(b.value) >= 0; });
    setSelect(rule, params.get('rule') || '');
    setSelect(lang, params.get('lang') || '');
    setSelect(posting, params.get('posting') || '');
    q.value = params.get('q') || '';
    return true;
  }
  function update() { save(apply()); }
  section.hidden = false;
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  form.addEventListener('change', update);
  q.addEventListener('input', update);
  document.getElementById('f-reset').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = true; });
    rule.value = ''; lang.value = ''; posting.value = ''; q.value = '';
    update();
    q.focus();
  });
  window.addEventListener('hashchange', function () { if (load()) apply(); });
  // The summary's "show these problems" links: set the filter, then go to the list.
  Array.prototype.forEach.call(document.querySelectorAll('a.show'), function (link) {
    link.hidden = false;
    link.addEventListener('click', function (e) {
      e.preventDefault();
      history.replaceState(null, '', link.getAttribute('href'));
      load();
      apply();
      status.setAttribute('tabindex', '-1');
      status.focus();
    });
  });
  load();
  apply();
})();
`;
