// The floor any remark-based linter stands on: read and parse the given files in one process
// with unified + remark-parse + remark-frontmatter, nothing else (`--read-only`: only read them).
import { readFileSync } from 'node:fs';

const [listFile, mode] = process.argv.slice(2);
const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
if (mode === '--read-only') {
  let bytes = 0;
  for (const f of files) bytes += readFileSync(f).length;
  if (bytes < 0) console.log(bytes);
} else {
  const { unified } = await import('unified');
  const { default: remarkParse } = await import('remark-parse');
  const { default: remarkFrontmatter } = await import('remark-frontmatter');
  const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();
  let nodes = 0;
  for (const f of files) nodes += processor.parse(readFileSync(f, 'utf8')).children.length;
  if (nodes < 0) console.log(nodes);
}
