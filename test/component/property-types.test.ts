/**
 * One list of properties, one of option defaults (issue 17): `ResourceUploaderProperties` is derived
 * from the component's `properties`, and the core's option types from `DEFAULTS`. Checked with the
 * compiler on the sources, also with a property or an option added in memory (no file changes),
 * to prove a new one gets its type (and, for an option, cannot skip its check).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { properties } from '../../components/resource-uploader/props';

const ROOT = path.resolve(__dirname, '../..');
const PROBE = path.join(ROOT, 'components', '__property_probe__.ts');

function compilerOptions(): ts.CompilerOptions {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  return { ...ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options, noEmit: true };
}

const options = compilerOptions();
// Unchanged files are parsed once for every program below.
const parsed = new Map<string, ts.SourceFile>();

/** Diagnostics of a program holding `probe` (in components/), with sources edited in memory. */
function typeErrors(probe: string, edits: Record<string, (source: string) => string> = {}): string[] {
  const host = ts.createCompilerHost(options);
  const edited = (file: string): string | undefined => {
    if (path.resolve(file) === PROBE) return probe;
    const edit = edits[path.relative(ROOT, path.resolve(file))];
    return edit ? edit(fs.readFileSync(file, 'utf8')) : undefined;
  };
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (file) => edited(file) !== undefined || fileExists.call(host, file);
  host.readFile = (file) => edited(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, onError) => {
    const text = edited(file);
    if (text !== undefined) return ts.createSourceFile(file, text, language, true);
    let sf = parsed.get(file);
    if (!sf) {
      sf = getSourceFile.call(host, file, language, onError);
      if (sf) parsed.set(file, sf);
    }
    return sf;
  };
  const program = ts.createProgram([PROBE], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${path.relative(ROOT, d.file.fileName)}:${line + 1}: ${text}`;
  });
}

const insertAfter = (marker: string, line: string) => (source: string): string => {
  if (source.indexOf(marker) === -1) throw new Error(`marker not found: ${marker}`);
  return source.replace(marker, marker + line);
};

const ADD_PROPERTY = { 'components/resource-uploader/props.ts': insertAfter('export const properties = {\n', '  zzAdded: { type: Number, value: 3 },\n') };
const ADD_OPTION = { 'components/core/upload/options.ts': insertAfter('export const DEFAULTS = {\n', '  zzAdded: 7,\n') };

test('ResourceUploaderProperties has exactly the properties of `properties`, with precise types', () => {
  const probe = `
import { properties } from './resource-uploader/props';
import type { Accept, HostFile, Locale, ResourceUploaderProperties, UploadResourceOptions } from './index';
import { DEFAULTS } from './core';
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
export function assert<T extends true>(): T | void {}
type R = Required<ResourceUploaderProperties>;
assert<Equals<keyof ResourceUploaderProperties, keyof typeof properties>>();
assert<Equals<R['accept'], Accept>>();
assert<Equals<R['locale'], Locale>>();
assert<Equals<R['files'], HostFile[]>>();
assert<Equals<R['extension'], string[] | string>>();
assert<Equals<R['maxSize'], number | string>>();
assert<Equals<R['minUploadRate'], number | string>>();
assert<Equals<R['maxCount'], number>>();
assert<Equals<R['productId'], string>>();
assert<Equals<R['useBeforeUpload'], boolean>>();
// Every option with a default is an option of uploadResource, typed as its default.
assert<Equals<Exclude<keyof typeof DEFAULTS, keyof UploadResourceOptions>, never>>();
assert<Equals<Required<UploadResourceOptions>['maxSize'], number>>();
assert<Equals<Required<UploadResourceOptions>['endpoint'], string>>();
`;
  expect(typeErrors(probe)).toEqual([]);
}, 120000);

test('a property added to `properties` appears in ResourceUploaderProperties with its type', () => {
  const probe = `
import type { ResourceUploaderProperties } from './index';
export const ok: ResourceUploaderProperties = { zzAdded: 4 };
// @ts-expect-error the type comes from the declaration
export const wrong: ResourceUploaderProperties = { zzAdded: 'four' };
`;
  expect(typeErrors(probe, ADD_PROPERTY)).toEqual([]);
  // Without the added property, the probe does not compile: the check above can fail.
  expect(typeErrors(probe).join('\n')).toMatch(/zzAdded/);
}, 120000);

test('an option added to DEFAULTS is an option of uploadResource, and checkOptions must check it', () => {
  const probe = `
import { uploadResource } from './index';
export const start = () => uploadResource({ filePath: 'f', productId: 'P', zzAdded: 8 });
`;
  const errors = typeErrors(probe, ADD_OPTION);
  expect(errors.filter((e) => e.indexOf('components/__property_probe__') === 0)).toEqual([]);
  expect(errors).toEqual([expect.stringMatching(/^components\/core\/upload\/option-check\.ts:\d+: .*zzAdded/s)]);
}, 120000);

test('every property SPEC and the README list is in `properties`, and the README lists every one', () => {
  const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  // SPEC "Component" (0.1) and "Added in 0.2" property tables.
  const spec = ['product-id', 'access-token', 'resource-ver', 'resource-name', 'endpoint', 'accept', 'extension', 'max-count', 'max-size', 'auto-upload', 'concurrency', 'register', 'device-id', 'disabled', 'locale', 'files', 'deletable', 'preview', 'use-before-upload'];
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Properties'), readme.indexOf('### Events'));
  const listed = Array.from(section.matchAll(/^\| `([a-z-]+)` \|/gm), (m) => m[1]);
  expect(listed.length).toBeGreaterThan(15);
  const keys = Object.keys(properties).sort();
  expect(keys).toEqual(expect.arrayContaining(spec.map(camel)));
  expect(listed.map(camel).sort()).toEqual(keys);
});
