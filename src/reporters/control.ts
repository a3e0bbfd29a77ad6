/**
 * Text from a posting (quoted in messages) or from a file name must not drive the terminal
 * or the CI log: an ANSI escape such as `ESC[31m`, a carriage return or a bidirectional
 * override could recolour, hide or rewrite what the reader sees. Reporters that print for
 * people pass such text through `visibleControls` before adding their own formatting.
 */

/**
 * C0 controls and DEL (line breaks apart when kept), C1 controls, the Unicode line and
 * paragraph separators (U+2028, U+2029: line breaks to some log viewers and editors),
 * bidi embeddings/overrides/isolates.
 */
const CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_AND_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Each control character replaced by a visible stand-in: C0 and DEL by their Unicode
 * control picture (ESC → `␛`, CR → `␍`), C1 and bidi controls by a `\x9b` / `\u202e`
 * escape. A tab becomes a space. Line feeds and carriage returns are kept when
 * `keepLineBreaks` is set (the caller escapes them its own way).
 */
export function visibleControls(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  return text.replace(options.keepLineBreaks ? CONTROLS : CONTROLS_AND_BREAKS, (ch) => {
    const code = ch.charCodeAt(0);
    if (code === 0x09) return ' ';
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    if (code <= 0x9f) return `\\x${code.toString(16).padStart(2, '0')}`;
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
