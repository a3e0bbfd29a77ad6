/** Where the project lives; rule docs URLs point into its `docs/rules/` folder. */
export const REPOSITORY_URL = 'https://github.com/cds-snc/postings';
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
