/**
 * The fenced code blocks of README.md: language, the `file=` a block names (```ts file=app.ts)
 * and the code, un-indented when the block sits in a list item.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ReadmeBlock {
  lang: string;
  /** The host file the block is, when its info string says `file=…`. */
  file: string | null;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

export function readmeBlocks(readmePath = path.resolve(__dirname, '../../README.md')): ReadmeBlock[] {
  const lines = fs.readFileSync(readmePath, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w+)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(Math.min(indent, lines[j].length - lines[j].trimStart().length)));
    const file = /\bfile=(\S+)/.exec(open[3]);
    blocks.push({ lang: open[2], file: file ? file[1] : null, code: body.join('\n') + '\n', line: i + 1 });
    i = j;
  }
  return blocks;
}
