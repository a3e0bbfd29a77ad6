/**
 * What `postings new` needs to know about a classification: the group's name and the
 * official page of its pay rates, in both languages. Read from the `classifications` data
 * table when the configuration has one (whatever its exact layout: entries keyed by `code`,
 * `id` or `group`, names and links as `{en, fr}`), else from the small table below, taken
 * from the Treasury Board's collective agreements and pay pages.
 */
import type { Bilingual } from '../types.js';

export interface ClassificationInfo {
  /** Normalised code, `IT-03`. */
  code: string;
  group: string;
  name?: Bilingual;
  /** The official pay rates page, when known. */
  link?: Bilingual;
}

const viewer = (id: number): Bilingual => ({
  en: `https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-eng.aspx?id=${id}`,
  fr: `https://www.tbs-sct.gc.ca/agreements-conventions/view-visualiser-fra.aspx?id=${id}`,
});

const PA = viewer(15);

/** Built-in fallback: only links checked against domain facts; unknown links stay out. */
export const FALLBACK_GROUPS: Record<string, { name: Bilingual; link?: Bilingual }> = {
  IT: { name: { en: 'Information Technology', fr: 'Technologie de l’information' }, link: viewer(1) },
  CS: { name: { en: 'Computer Systems', fr: 'Systèmes d’ordinateurs' }, link: viewer(1) },
  AS: { name: { en: 'Administrative Services', fr: 'Services administratifs' }, link: PA },
  PM: { name: { en: 'Programme Administration', fr: 'Administration des programmes' }, link: PA },
  IS: { name: { en: 'Information Services', fr: 'Services d’information' }, link: PA },
  CR: { name: { en: 'Clerical and Regulatory', fr: 'Commis aux écritures et aux règlements' }, link: PA },
  WP: { name: { en: 'Welfare Programmes', fr: 'Programmes de bien-être social' }, link: PA },
  EC: { name: { en: 'Economics and Social Science Services', fr: 'Économique et services de sciences sociales' }, link: viewer(4) },
  EX: {
    name: { en: 'Executive', fr: 'Direction' },
    link: {
      en: 'https://www.canada.ca/en/treasury-board-secretariat/services/pay/rates-pay/rates-pay-unrepresented-senior-excluded-employees.html',
      fr: 'https://www.canada.ca/fr/secretariat-conseil-tresor/services/remuneration/taux-remuneration/taux-remuneration-employes-non-representes-exclus-niveaux-superieurs.html',
    },
  },
  PG: { name: { en: 'Purchasing and Supply', fr: 'Achat et approvisionnement' } },
  FI: { name: { en: 'Financial Management', fr: 'Gestion financière' } },
  PE: { name: { en: 'Personnel Administration', fr: 'Gestion du personnel' } },
};

/** `it3`, `IT-3`, `IT 03` → `{group: 'IT', level: '03'}`; undefined when it is not a code. */
export function parseClassification(value: string): { group: string; level: string } | undefined {
  const m = /^\s*([A-Za-z]{2})[-\s]?0?([1-9])\s*$/.exec(value);
  return m ? { group: m[1]!.toUpperCase(), level: `0${m[2]}` } : undefined;
}

export function classificationInfo(code: string, data: Record<string, unknown>): ClassificationInfo | undefined {
  const parsed = parseClassification(code);
  if (!parsed) return undefined;
  const { group, level } = parsed;
  const fromTable = findEntry(data.classifications, group);
  const fallback = FALLBACK_GROUPS[group];
  return {
    code: `${group}-${level}`,
    group,
    name: (fromTable && bilingual(fromTable.name ?? fromTable.names ?? fromTable.title)) ?? fallback?.name,
    link: (fromTable && findLink(fromTable)) ?? fallback?.link,
  };
}

function findEntry(table: unknown, group: string): Record<string, unknown> | undefined {
  const lists: unknown[][] = [];
  if (Array.isArray(table)) lists.push(table);
  else if (table && typeof table === 'object') {
    for (const v of Object.values(table)) if (Array.isArray(v)) lists.push(v);
    // A map keyed by group: { "IT": { ... } }
    const direct = (table as Record<string, unknown>)[group];
    if (direct && typeof direct === 'object' && !Array.isArray(direct)) return direct as Record<string, unknown>;
  }
  for (const list of lists) {
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      const e = item as Record<string, unknown>;
      const key = e.code ?? e.id ?? e.group;
      if (typeof key === 'string' && key.toUpperCase() === group) return e;
    }
  }
  return undefined;
}

function bilingual(v: unknown): Bilingual | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const first = (x: unknown) => (Array.isArray(x) ? x[0] : x);
  const en = first(o.en);
  const fr = first(o.fr);
  return typeof en === 'string' && typeof fr === 'string' ? { en, fr } : undefined;
}

/** The first `{en, fr}` pair of https URLs under a key that names a pay page or link. */
function findLink(entry: Record<string, unknown>): Bilingual | undefined {
  const keys = Object.keys(entry).sort((a, b) => rank(a) - rank(b));
  for (const k of keys) {
    if (rank(k) === 99) continue;
    const v = entry[k];
    const candidates = Array.isArray(v) ? v : [v];
    for (const c of candidates) {
      const b = bilingual(c) ?? (c && typeof c === 'object' ? bilingual((c as Record<string, unknown>).url) : undefined);
      if (b && /^https:\/\//.test(b.en) && /^https:\/\//.test(b.fr)) return b;
    }
  }
  return undefined;
}

function rank(key: string): number {
  if (/pay/i.test(key)) return 0;
  if (/agreement|rates/i.test(key)) return 1;
  if (/link|url/i.test(key)) return 2;
  return 99;
}
