/** Where the project lives; rule docs URLs point into its `docs/rules/` folder. */
export const REPOSITORY_URL = 'https://github.com/cds-snc/postings';
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;

/** The rule's page in the reader's language: `<id>.md` in English, `<id>.fr.md` in French. */
export function docsUrl(ruleId: string, locale: 'en' | 'fr' = 'en'): string {
  return `${DOCS_BASE_URL}${ruleId}${locale === 'fr' ? '.fr' : ''}.md`;
}
