import type { GitCommit, IndexEntry, RuleModule } from '../../types.js';
import { displayPaths, langName, partnersOf } from '../../lib/pairing.js';

const day = (c: GitCommit) => new Date(c.time * 1000).toISOString().slice(0, 10);

/**
 * The partner's last commit came after this posting's last commit, did not touch this
 * posting, and was not the partner catching up with a change of this posting (the commit
 * before it, among the pair's commits, touched this posting only).
 */
function movedAhead(self: IndexEntry, partner: IndexEntry, toleranceSeconds: number): GitCommit | undefined {
  const mine = self.git!.commits;
  const theirs = partner.git!.commits;
  const last = theirs[0];
  if (!last || !mine[0]) return undefined;
  const mineHashes = new Set(mine.map((c) => c.hash));
  if (mineHashes.has(last.hash)) return undefined;
  if (last.time - mine[0].time <= toleranceSeconds) return undefined;
  const theirHashes = new Set(theirs.map((c) => c.hash));
  const pair = [...mine, ...theirs.filter((c) => !mineHashes.has(c.hash))].sort((a, b) => b.time - a.time);
  const before = pair[pair.indexOf(last) + 1];
  if (before && mineHashes.has(before.hash) && !theirHashes.has(before.hash)) return undefined;
  return last;
}

const rule: RuleModule = {
  meta: {
    id: 'pairing/stale',
    description: {
      en: 'A posting must not lag behind its translation: when the other language changed after it, it probably needs the same change.',
      fr: 'Une offre ne doit pas être en retard sur sa traduction\u00a0: quand l’autre langue a changé après elle, elle a sans doute besoin du même changement.',
    },
    defaultSeverity: 'warn',
    fixable: false,
    optionsSchema: {
      type: 'object',
      properties: {
        toleranceDays: {
          type: 'number',
          minimum: 0,
          description: 'Days the partner may be newer without a finding (default 0).',
        },
        uncommitted: {
          type: 'boolean',
          description: 'Report a partner with uncommitted changes when this posting has none (default true).',
        },
      },
      additionalProperties: false,
    },
    messages: {
      newer: {
        en: 'The {lang} posting ({path}) changed after this one, on {date} in {commit} “{subject}”: this posting may need the same change',
        fr: 'L’offre {lang} ({path}) a changé après celle-ci, le {date} dans {commit} «\u00a0{subject}\u00a0»\u00a0: cette offre a peut-être besoin du même changement',
      },
      uncommitted: {
        en: 'The {lang} posting ({path}) has uncommitted changes and this posting has none: it may need the same change',
        fr: 'L’offre {lang} ({path}) a des changements non validés et celle-ci n’en a pas\u00a0: elle a peut-être besoin du même changement',
      },
      since: {
        en: 'The {lang} posting ({path}) changed since {ref} and this posting did not: the translation was not updated in this change',
        fr: 'L’offre {lang} ({path}) a changé depuis {ref}, mais pas celle-ci\u00a0: la traduction n’a pas été mise à jour dans ce changement',
      },
    },
  },
  create(context) {
    const pair = partnersOf(context);
    const own = pair?.self.git;
    if (!pair || !own) return;
    const { self, view } = pair;
    const partners = pair.partners.filter((p) => p.git);
    if (!partners.length) return;
    const options = context.options as { toleranceDays?: number; uncommitted?: boolean };
    const lang = langName(view.other, context.locale);
    const fm = context.posting.frontMatter;
    const loc = { range: fm ? ([fm.range[0], fm.range[0] + 3] as [number, number]) : ([0, 0] as [number, number]) };
    const related = (p: IndexEntry) => [{ filePath: p.filePath, line: 1, column: 1 }];
    const since = context.project?.since;
    if (since !== undefined) {
      if (own.changedSince) return;
      const changed = partners.filter((p) => p.git!.changedSince);
      if (changed.length) {
        context.report({ messageId: 'since', data: { lang, path: displayPaths(changed), ref: since }, loc, related: changed.flatMap(related) });
      }
      return;
    }
    if (own.dirty) return; // being edited: the writer is on it
    if (options.uncommitted !== false) {
      const dirty = partners.filter((p) => p.git!.dirty && p.git!.commits.length > 0);
      if (dirty.length) {
        context.report({ messageId: 'uncommitted', data: { lang, path: displayPaths(dirty) }, loc, related: dirty.flatMap(related) });
        return;
      }
    }
    const tolerance = (options.toleranceDays ?? 0) * 86400;
    for (const p of partners) {
      if (p.git!.dirty) continue;
      const c = movedAhead(self, p, tolerance);
      if (!c) continue;
      context.report({
        messageId: 'newer',
        data: { lang, path: p.displayPath, date: day(c), commit: c.hash, subject: c.subject },
        loc,
        related: related(p),
      });
      return;
    }
  },
};

export default rule;
