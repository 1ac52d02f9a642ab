/**
 * @jest-environment jsdom
 *
 * The README as a new user reads it: every ```ts block compiles under `strict` against the built
 * package's `.d.ts` (in a host project outside the work tree, the package installed the way npm
 * links it), the host files it names (`file=app.ts`, `file=pages/ringtone/index.*`) included, and
 * so does its test of that page (`file=test/ringtone.test.ts`), against the testing entry's
 * declarations. test/host/first-day.test.ts runs that test in a host project made from the README.
 */
import { HostProject, makeHostProject, typeCheck } from '../support/host-project';
import { readmeBlocks } from '../support/readme-blocks';

const README_TEST = 'test/ringtone.test.ts';
const blocks = readmeBlocks();
const host: HostProject = makeHostProject('readme-host-');
const appFiles: string[] = [];
const snippets: string[] = [];

blocks.forEach((b) => {
  if (b.file) {
    host.write(b.file, b.code);
    if (b.lang === 'ts' && b.file !== README_TEST) appFiles.push(b.file);
  } else if (b.lang === 'ts') {
    // A block without a file is a module of its own.
    const name = `snippets/readme-line-${b.line}.ts`;
    host.write(name, b.code);
    snippets.push(name);
  }
});

afterAll(() => host.remove());

describe('README code blocks', () => {
  test('the host files are all there: app.ts, and the page’s json, wxml and ts', () => {
    expect(blocks.filter((b) => b.file).map((b) => b.file).sort()).toEqual(
      ['app.ts', 'pages/ringtone/index.json', 'pages/ringtone/index.ts', 'pages/ringtone/index.wxml', README_TEST, 'project.config.json', 'tsconfig.json', 'jest.config.js', 'scripts/build-npm.js'].sort(),
    );
    for (const b of blocks.filter((x) => x.lang === 'json' && x.file)) expect(() => JSON.parse(b.code)).not.toThrow();
    // TypeScript first: the quick start shows no require() in TypeScript.
    for (const b of blocks.filter((x) => x.lang === 'ts')) expect(b.code).not.toMatch(/\brequire\(/);
    expect(snippets.length).toBeGreaterThanOrEqual(2);
  });

  test('app.ts, the page and every other ts block compile under strict against the built package', () => {
    expect(typeCheck(host.dir, [...appFiles, ...snippets], ['miniprogram-api-typings'])).toEqual([]);
  }, 60000);

  test('the README’s test of the page compiles too (with jest and node types)', () => {
    expect(typeCheck(host.dir, [README_TEST], ['miniprogram-api-typings', 'jest', 'node'])).toEqual([]);
  }, 60000);
});
