/**
 * Hugo's template lookup order for a single (regular) page, HTML output, as documented for
 * the template system that sites of this kind use (before Hugo 0.146):
 *
 *   for each folder of [type, "_default"]       (type: front matter `type`, else the root section, else "page")
 *     for each name of [layout, "single"]        (layout: front matter `layout`, when set)
 *       NAME.LANG.html.html, NAME.html.html, NAME.LANG.html, NAME.html
 *         each in the project's `layouts/`, then in each theme's (interleaved).
 *
 * So `type: section`, `layout: job-posting`, language fr, finds
 * `layouts/section/job-posting.fr.html` before `layouts/section/job-posting.html`. Pure: the
 * model lists the layout files.
 */
import type { SiteModel } from './model.js';

export interface LayoutQuery {
  /** Front matter `type`, if set. */
  type?: string;
  /** Front matter `layout`, if set. */
  layout?: string;
  /** The page's root section (first folder under the language's content folder), or ''. */
  section: string;
  /** The language code. */
  lang: string;
}

export interface ResolvedLayout {
  /** Absolute path of the template. */
  file: string;
  /** Path relative to its layouts folder (`section/job-posting.fr.html`). */
  name: string;
  /** Index of the layouts folder (0: the project's, then themes). */
  dir: number;
}

/** The candidate paths, most specific first, relative to a layouts folder. */
export function lookupCandidates(q: LayoutQuery): string[] {
  const type = (q.type?.trim() || q.section || 'page').toLowerCase();
  const folders = type === '_default' ? ['_default'] : [type, '_default'];
  const names = q.layout?.trim() ? [q.layout.trim(), 'single'] : ['single'];
  const out: string[] = [];
  for (const folder of folders) {
    for (const name of names) {
      out.push(
        `${folder}/${name}.${q.lang}.html.html`,
        `${folder}/${name}.html.html`,
        `${folder}/${name}.${q.lang}.html`,
        `${folder}/${name}.html`,
      );
    }
  }
  return [...new Set(out)];
}

export function resolveLayout(model: SiteModel, q: LayoutQuery): ResolvedLayout | undefined {
  const sets = model.layoutFiles.map((files) => new Set(files));
  for (const candidate of lookupCandidates(q)) {
    for (let d = 0; d < sets.length; d++) {
      if (sets[d]!.has(candidate)) return { file: `${model.layoutDirs[d]}/${candidate}`, name: candidate, dir: d };
    }
  }
  return undefined;
}
