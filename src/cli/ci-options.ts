/** The lint options of the CI features: `--since`, `--update-baseline`, `--no-baseline`. */
import type { Command } from 'commander';
import type { Locale } from '../types.js';
import { tc } from '../i18n/ci.js';

export function addCiOptions(lint: Command, locale: Locale): Command {
  return lint
    .option('--since <ref>', tc(locale, 'opt.since'))
    .option('--update-baseline', tc(locale, 'opt.updateBaseline'))
    .option('--no-baseline', tc(locale, 'opt.noBaseline'));
}
