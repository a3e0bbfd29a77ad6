/** `postings rules`: every rule with its id, default severity, fixable flag and description. */
import type { Locale } from '../types.js';
import { rules } from '../rules/index.js';
import { t } from '../i18n/cli.js';
import { docsUrl } from '../meta.js';
import { pick } from '../engine/format.js';

export function listRules(locale: Locale, json: boolean): string {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  if (json) {
    return (
      JSON.stringify(
        sorted.map((r) => ({
          id: r.meta.id,
          defaultSeverity: r.meta.defaultSeverity,
          fixable: r.meta.fixable,
          description: pick(r.meta.description, locale),
          docsUrl: docsUrl(r.meta.id, locale),
        })),
        null,
        2,
      ) + '\n'
    );
  }
  const rows = sorted.map((r) => [
    r.meta.id,
    severityName(r.meta.defaultSeverity, locale),
    t(locale, r.meta.fixable ? 'rules.yes' : 'rules.no'),
    pick(r.meta.description, locale),
  ]);
  const head = [t(locale, 'rules.header'), t(locale, 'rules.severity'), t(locale, 'rules.fixable'), t(locale, 'rules.description')];
  const widths = [0, 1, 2].map((i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function severityName(severity: string, locale: Locale): string {
  if (locale !== 'fr') return severity;
  return severity === 'error' ? 'erreur' : severity === 'warn' ? 'avertissement' : 'désactivée';
}
