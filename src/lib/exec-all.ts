/** Regular expression matches without `matchAll`'s copy of the expression (shared by rule families). */
/**
 * The matches of a global expression in `text`, as `text.matchAll(re)` gives them, but by
 * `exec` on the expression itself: `matchAll` copies the expression at every call, and V8
 * compiles a copy again once its compilation cache has let it go (a few milliseconds for an
 * expression of `\p{L}` classes, case-insensitive), which a lint run did thousands of times.
 * The expression's `lastIndex` is kept across the loop body, which may use it too.
 */
export function* execAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  let at = 0;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return;
    at = re.lastIndex;
    // An empty match moves on by one code point, as `matchAll` does.
    if (m[0].length === 0) at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
    yield m;
  }
}
