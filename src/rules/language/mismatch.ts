import type { Lang, RuleModule } from '../../types.js';
import { locate } from '../../engine/yaml-locate.js';
import {
  isIn,
  textStats,
  titleEvidence,
  titleIsIn,
  titleLanguage,
  type TextStats,
  type TitleWords,
} from '../../lib/language-detect.js';
import { langName, pairView } from '../../lib/pairing.js';
import { maskAddresses } from '../../lib/addresses.js';
import { htmlBlocks, proseBlocks } from '../../lib/prose.js';

interface Options {
  minLetters: number;
  minParagraphLetters: number;
  minMargin: number;
  title: boolean;
  description: boolean;
  minDescriptionLetters: number;
}

function nodeRange(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): [number, number] {
  const start = node.position?.start.offset ?? 0;
  return [start, node.position?.end.offset ?? start];
}

const normalize = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

const rule: RuleModule = {
  meta: {
    id: 'language/mismatch',
    description: {
      en: 'A posting’s title, description and body must be in the posting’s language: no English text published as the French posting, and the reverse.',
      fr: 'Le titre, la description et le texte d’une offre doivent être dans la langue de l’offre : pas de texte anglais publié comme offre française, ni l’inverse.',
    },
    defaultSeverity: 'error',
    fixable: false,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minLetters: {
          type: 'integer',
          minimum: 50,
          default: 200,
          description: 'Letters of prose the body needs before its language is judged.',
        },
        minParagraphLetters: {
          type: 'integer',
          minimum: 20,
          default: 60,
          description: 'Letters a paragraph needs before its own language is judged.',
        },
        minMargin: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: 0.01,
          description: 'How far apart the English and French scores must be (franc-min scores, 0 to 1).',
        },
        title: { type: 'boolean', default: true, description: 'Also judge the title.' },
        description: { type: 'boolean', default: true, description: 'Also judge the `description`.' },
        minDescriptionLetters: {
          type: 'integer',
          minimum: 20,
          default: 60,
          description: 'Letters the `description` needs before its language is judged.',
        },
      },
    },
    messages: {
      body: {
        en: 'The text of the {lang} posting is in {other}; publish the translation here',
        fr: 'Le texte de l’offre {lang} est en {other}; publiez la traduction ici',
      },
      paragraph: {
        en: 'This paragraph of the {lang} posting is in {other}; translate it',
        fr: 'Ce paragraphe de l’offre {lang} est en {other}; traduisez-le',
      },
      description: {
        en: 'The description of the {lang} posting is in {other}; translate it',
        fr: 'La description de l’offre {lang} est en {other}; traduisez-la',
      },
      title: {
        en: 'The title “{title}” of the {lang} posting is in {other}',
        fr: 'Le titre « {title} » de l’offre {lang} est en {other}',
      },
      titleSame: {
        en: 'The title “{title}” of the {lang} posting is the same as the {otherAdj} posting’s ({path}); translate it',
        fr: 'Le titre « {title} » de l’offre {lang} est le même que celui de l’offre {otherAdj} ({path}); traduisez-le',
      },
    },
  },
  create(context) {
    const lang = context.lang;
    if (!lang) return;
    const options = context.options as unknown as Options;
    const other: Lang = lang === 'en' ? 'fr' : 'en';
    const fr = context.locale === 'fr';
    const names = {
      lang: langName(lang, context.locale),
      other: fr ? (other === 'en' ? 'anglais' : 'français') : other === 'en' ? 'English' : 'French',
      otherAdj: langName(other, context.locale),
    };

    // Markdown paragraphs and headings, and the blocks of raw HTML (a posting pasted as HTML
    // is prose the reader sees too), in the order of the file.
    const blocks = [
      ...proseBlocks(context.posting.tree).map((b) => ({ text: b.text, range: nodeRange(b.node) })),
      ...htmlBlocks(context.posting.tree),
    ]
      .sort((a, b) => a.range[0] - b.range[0])
      .map((b) => {
        const text = maskAddresses(b.text);
        return { range: b.range, text, stats: textStats(text) };
      });
    const total: TextStats = { letters: 0, words: { en: 0, fr: 0 } };
    for (const b of blocks) {
      total.letters += b.stats.letters;
      total.words.en += b.stats.words.en;
      total.words.fr += b.stats.words.fr;
    }
    const { minLetters, minParagraphLetters, minMargin } = options;
    const bodyIsOther = blocks.length > 0 && isIn(blocks.map((b) => b.text).join('\n'), total, other, minLetters, minMargin);
    // The whole body in the other language is said once, on its first block; every other
    // paragraph in that language is reported too, so that an editor marks each one.
    if (bodyIsOther) context.report({ messageId: 'body', data: names, loc: { range: blocks[0]!.range } });
    for (const [n, block] of blocks.entries()) {
      if (bodyIsOther && n === 0) continue;
      if (isIn(block.text, block.stats, other, minParagraphLetters, minMargin)) {
        context.report({ messageId: 'paragraph', data: names, loc: { range: block.range } });
      }
    }

    const fm = context.posting.frontMatter;
    // The description is prose too, judged alone, with the same two signals.
    let descriptionIsOther = false;
    const description = fm?.data?.description;
    if (options.description && fm && typeof description === 'string') {
      const text = maskAddresses(description);
      descriptionIsOther = isIn(text, textStats(text), other, options.minDescriptionLetters, minMargin);
      if (descriptionIsOther) {
        const found = locate(fm, ['description']);
        context.report({ messageId: 'description', data: names, loc: { range: found?.valueRange ?? found?.keyRange ?? [0, 0] } });
      }
    }

    const title = fm?.data?.title;
    if (!options.title || !fm || typeof title !== 'string' || !title.trim()) return;
    const found = locate(fm, ['title']);
    const range = found?.valueRange ?? found?.keyRange ?? [0, 0];
    const shown = title.trim().replace(/\s+/g, ' ');
    // Function words first; then the title's words (`Senior Product Manager` has none), taken
    // on their own when they are plainly one language, or with the description or body.
    const words = context.config.data['title-words'] as TitleWords | undefined;
    const byTitleWords = words && titleIsIn(titleEvidence(title, words), other, bodyIsOther || descriptionIsOther);
    if (titleLanguage(title) === other || byTitleWords) {
      context.report({ messageId: 'title', data: { ...names, title: shown }, loc: { range } });
      return;
    }
    // Identical titles: English copied into the French posting is what real sites show;
    // the English posting's title is taken to be the original.
    if (lang !== 'fr') return;
    const view = pairView(context);
    const partner = view?.partners.find(
      (p) => p.title && normalize(p.title) === normalize(title) && normalize(title).split(' ').length >= 2,
    );
    if (partner && titleLanguage(title) !== lang) {
      context.report({ messageId: 'titleSame', data: { ...names, title: shown, path: partner.displayPath }, loc: { range } });
    }
  },
};

export default rule;
