/**
 * Canadian French typography, one convention for every French text postings prints
 * (messages, help, rule descriptions, schema messages):
 *
 * - a no-break space U+00A0 before `:` and inside « »;
 * - no space before `;`, `!` and `?` (Canadian usage, as the Translation Bureau's guide);
 * - the curly apostrophe ’.
 *
 * U+00A0 (not the narrow U+202F) because every terminal font has it at a full space width.
 * Applied to templates, before placeholders are filled, so that text from a posting or a
 * user's file is never changed.
 */
export const NBSP = '\u00a0';

export function frenchTypography(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]+:(?=\s|$)/g, `${NBSP}:`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
    .replace(/[ \u00a0\u202f]+([;!?])/g, '$1');
}

/** The prefix of every message postings prints about itself, in both languages (as `grep: `). */
export const PREFIX = 'postings: ';
