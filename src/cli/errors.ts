import type { Bilingual } from '../types.js';

/** An error the user can fix from the message alone: printed in one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The user stopped the command at a prompt: Ctrl+C (exit 130, as a shell reports SIGINT)
 * or Ctrl+D / end of input (exit 1). Printed in one line, no stack trace.
 */
export class CancelledError extends Error {
  readonly exitCode: number;
  constructor(
    message: string,
    readonly how: 'interrupt' | 'eof',
  ) {
    super(message);
    this.name = 'CancelledError';
    this.exitCode = how === 'interrupt' ? 130 : 1;
  }
}

/** A problem with a file the user gave us: shown as `file:line:col: message`. */
export class InputError extends Error {
  readonly text: Bilingual;
  constructor(
    message: string | Bilingual,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.text = typeof message === 'string' ? { en: message, fr: message } : message;
    this.name = 'InputError';
  }
}
