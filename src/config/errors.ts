/**
 * The error of a configuration that cannot be used, with every problem found. Its own module:
 * the command line catches it at every start, and must not load the validator to do so.
 */
import type { Bilingual } from '../types.js';

export interface ConfigProblem {
  /** Dotted path of the offending key in the config file. */
  path: string;
  message: Bilingual;
}

export class ConfigError extends Error {
  constructor(
    readonly problems: ConfigProblem[],
    readonly file?: string,
    /** The file's own `locale`, when it is valid: its errors are reported in that language. */
    readonly locale?: 'en' | 'fr',
  ) {
    super(problems.map((p) => `${p.path}: ${p.message.en}`).join('; '));
    this.name = 'ConfigError';
  }
}
