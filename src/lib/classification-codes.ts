/**
 * Classification codes named in a posting's body, for the front matter index (pairing
 * compares the codes of the English and French postings). The classification rules own
 * the full grammar of mentions; this is the cheap, text-only pass the index needs.
 */
const MENTION = /\b([A-Z]{2})[- \u00a0]?0?([1-9])(?:\s*[-–]\s*0?([1-9]))?\b/g;

export function extractCodes(body: string, groups?: ReadonlySet<string>): string[] {
  const codes = new Set<string>();
  // Link targets and inline code are not mentions.
  const text = body.replace(/\]\([^)]*\)/g, ']').replace(/`[^`]*`/g, '').replace(/https?:\/\/\S+/g, '');
  let m: RegExpExecArray | null;
  MENTION.lastIndex = 0;
  while ((m = MENTION.exec(text))) {
    const group = m[1]!;
    if (groups && !groups.has(group)) continue;
    const from = Number(m[2]);
    const to = m[3] ? Number(m[3]) : from;
    for (let level = from; level <= Math.max(from, to); level++) codes.add(`${group}-${String(level).padStart(2, '0')}`);
  }
  return [...codes].sort();
}
