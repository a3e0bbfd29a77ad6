/** Reporters by name, loaded only when asked for. */
import type { Reporter } from './types.js';

export const reporters: Record<string, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).default,
  json: async () => (await import('./json.js')).default,
  sarif: async () => (await import('./sarif.js')).default,
  github: async () => (await import('./github.js')).default,
  junit: async () => (await import('./junit.js')).default,
  html: async () => (await import('./html/index.js')).default,
};

export const formatNames = (): string[] => Object.keys(reporters);
