/**
 * Depth-first walk of a Markdown tree in document order, without recursion: a posting nested
 * thousands of levels deep (`> > > …`) must not overflow the stack. `visit` returns `false`
 * to skip the node's children, or the context its children get (`undefined` keeps the
 * parent's context).
 */
export function walk<N extends { type: string }, C = undefined>(
  root: N,
  visit: (node: N, context: C) => C | false | void,
  context?: C,
): void {
  // Two stacks side by side (node, its context): no pair allocated per node.
  const nodes: N[] = [root];
  const contexts: C[] = [context as C];
  while (nodes.length) {
    const node = nodes.pop()!;
    const ctx = contexts.pop()!;
    const result = visit(node, ctx);
    if (result === false) continue;
    const next = result === undefined ? ctx : result;
    const children = (node as { children?: N[] }).children;
    if (Array.isArray(children)) {
      for (let i = children.length - 1; i >= 0; i--) {
        nodes.push(children[i]!);
        contexts.push(next);
      }
    }
  }
}
