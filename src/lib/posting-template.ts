/**
 * The starting point of a new posting pair (`postings new`): front matter that passes the
 * schema and pairs (same `translationKey`, same `leverId`), the sections a CDS posting needs,
 * and `TODO` placeholders where only the writer knows the words. `TODO` is the marker in both
 * languages because `content/placeholder` reports it until it is replaced (a French marker
 * such as « à faire » is an ordinary phrase in running text, so no rule could flag it safely).
 * Pure: no file system.
 */
import { stringify } from 'yaml';
import type { Lang } from '../types.js';
import type { ClassificationInfo } from './classification-info.js';

export interface NewPosting {
  translationKey: string;
  title: Record<Lang, string>;
  leverId?: string;
  classification?: ClassificationInfo;
}

export const ACCOMMODATION_LINK: Record<Lang, string> = {
  en: 'https://www.canada.ca/en/public-service-commission/services/assessment-accommodation-page.html',
  fr: 'https://www.canada.ca/fr/commission-fonction-publique/services/mesures-d-adaptation-matiere-evaluation.html',
};

/**
 * The file name the site uses: the title in lower case, each run of spaces a hyphen (so
 * `Officer - Operations` gives `officer---operations`), slashes and middle dots as spaces,
 * other punctuation dropped, letters with accents kept; `--<leverId>` before `.md` when the
 * posting has a Lever id.
 */
export function slugify(title: string): string {
  return title
    .normalize('NFC')
    .toLowerCase()
    .replace(/'/g, '’')
    .replace(/[/·•|]/g, ' ')
    .replace(/[–—]/g, '-')
    .replace(/[^\p{L}\p{N}\s’-]/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[-’]+|[-’]+$/g, '');
}

export function fileName(title: string, leverId?: string): string {
  return `${slugify(title)}${leverId ? `--${leverId}` : ''}.md`;
}

const yamlScalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd();

export function renderPosting(lang: Lang, p: NewPosting): string {
  const en = lang === 'en';
  const fm = [
    '---',
    'layout: job-posting',
    'type: section',
    `title: ${yamlScalar(p.title[lang])}`,
    'description: >-',
    en
      ? '  TODO: one or two sentences that sum up the role; they show in search results and when the posting is shared.'
      : '  TODO : une ou deux phrases qui résument le poste; elles s’affichent dans les résultats de recherche et quand l’offre est partagée.',
  ];
  if (p.leverId) fm.push('archived: false');
  else {
    fm.push(
      en
        ? '# TODO: add the Lever id (leverId) and set archived to false to publish the posting.'
        : '# TODO : ajoutez l’identifiant Lever (leverId) et mettez archived à false pour publier l’offre.',
      'archived: true',
    );
  }
  fm.push(`translationKey: ${yamlScalar(p.translationKey)}`);
  if (p.leverId) fm.push(`leverId: ${p.leverId}`);
  fm.push('---');
  const body = en ? englishBody(p) : frenchBody(p);
  return `${fm.join('\n')}\n\n${body.join('\n\n')}\n`;
}

function classificationSentence(lang: Lang, c: ClassificationInfo | undefined): string {
  const en = lang === 'en';
  if (!c) {
    return en
      ? 'TODO: give the classification (group and level, such as `IT-03`) and link it to its official pay rates.'
      : 'TODO : indiquez la classification (groupe et niveau, comme `IT-03`) avec un lien vers son taux de rémunération officiel.';
  }
  const code = c.link ? `[${c.code}](${c.link[lang]})` : c.code;
  const group = c.name ? c.name[lang] : c.group;
  const sentence = en
    ? `This position is classified as ${code} in the ${group} group.`
    : `Ce poste est classifié ${code} dans le groupe ${group}.`;
  if (c.link) return sentence;
  return `${sentence} ${
    en
      ? 'TODO: link the classification to its official pay rates.'
      : 'TODO : ajoutez un lien de la classification vers son taux de rémunération officiel.'
  }`;
}

function englishBody(p: NewPosting): string[] {
  return [
    '## About the Canadian Digital Service',
    'The Canadian Digital Service (CDS) is changing how the federal government designs and delivers digital services. We put people’s needs first, work in the open, and help the whole government offer services that are safe, fast, easy to use and accessible. We need you.',
    '## About the team',
    'TODO: introduce the team: what it does, who it works with, and why this role matters.',
    '## About the role',
    'TODO: describe the role in two or three sentences: what the person will achieve, and with whom.',
    classificationSentence('en', p.classification),
    '### What you will do',
    ['- TODO: a responsibility, starting with a verb.', '- TODO: another responsibility.', '- TODO: another responsibility.'].join('\n'),
    '### What we are looking for',
    [
      '- TODO: an essential skill or experience.',
      '- TODO: another essential skill or experience.',
      '- TODO: an asset, if any (or delete this line).',
    ].join('\n'),
    'We know that everyone brings different skills and experiences, and that not everyone “checks all the boxes”. Apply anyway! Tell us why you are the right fit for the job.',
    '## Equity, diversity and inclusion',
    'At CDS, we don’t just accept difference: we celebrate it. We work to make CDS reflect the society we serve, because better and more inclusive public services need the widest range of thoughts, experiences and skills.',
    'CDS welcomes all applicants regardless of race, ethnicity, religion, sexual orientation, gender identity or expression, national origin, disability, age, veteran status, marital status, pregnancy or family commitments.',
    '## Accommodation',
    'We are committed to an inclusive and barrier-free work environment, starting with the hiring process. If you need accommodation during any part of the assessment process, TODO: say how to ask for it (for example, the email address to write to). All information about accommodation will be kept confidential.',
    `[Assessment accommodation](${ACCOMMODATION_LINK.en})`,
  ];
}

function frenchBody(p: NewPosting): string[] {
  return [
    '## À propos du Service numérique canadien',
    'Le Service numérique canadien (SNC) change la façon dont le gouvernement fédéral conçoit et offre les services numériques. Nous plaçons les besoins des gens au premier plan, nous travaillons ouvertement et nous aidons l’ensemble du gouvernement à offrir des services sécuritaires, rapides, faciles à utiliser et accessibles. Nous avons besoin de vous.',
    '## À propos de l’équipe',
    'TODO : présentez l’équipe : ce qu’elle fait, avec qui elle travaille et pourquoi ce poste compte.',
    '## À propos du poste',
    'TODO : décrivez le poste en deux ou trois phrases : ce que la personne titulaire accomplira, et avec qui.',
    classificationSentence('fr', p.classification),
    '### Ce que vous ferez',
    [
      '- TODO : une responsabilité, qui commence par un verbe à l’infinitif.',
      '- TODO : une autre responsabilité.',
      '- TODO : une autre responsabilité.',
    ].join('\n'),
    '### Ce que nous recherchons',
    [
      '- TODO : une compétence ou une expérience essentielle.',
      '- TODO : une autre compétence ou expérience essentielle.',
      '- TODO : un atout, s’il y a lieu (ou supprimez cette ligne).',
    ].join('\n'),
    'Nous savons que chaque personne apporte des compétences et des expériences différentes, et que personne ne « coche toutes les cases ». Postulez quand même! Dites-nous pourquoi ce poste est fait pour vous.',
    '## Équité, diversité et inclusion',
    'Au SNC, nous n’acceptons pas seulement les différences : nous les célébrons. Nous travaillons à rendre le SNC plus représentatif de la société que nous servons, car des services publics meilleurs et plus inclusifs demandent l’éventail le plus large de pensées, d’expériences et de compétences.',
    'Le SNC accueille toutes les personnes candidates, peu importe leur race, leur origine ethnique, leur religion, leur orientation sexuelle, leur identité ou leur expression de genre, leur origine nationale, leur handicap, leur âge, leur statut d’ancien combattant ou d’ancienne combattante, leur situation matrimoniale, leur grossesse ou leurs obligations familiales.',
    '## Mesures d’adaptation',
    'Nous nous engageons à offrir un milieu de travail inclusif et exempt d’obstacles, dès le processus d’embauche. Si vous avez besoin de mesures d’adaptation à une étape ou une autre du processus d’évaluation, TODO : indiquez comment en faire la demande (par exemple, l’adresse courriel à laquelle écrire). Les renseignements reçus au sujet des mesures d’adaptation seront traités de façon confidentielle.',
    `[Mesures d’adaptation en matière d’évaluation](${ACCOMMODATION_LINK.fr})`,
  ];
}
