/** The playground's own browser code, bundled in memory by esbuild (one IIFE, inline source map). */
import * as esbuild from 'esbuild';
import { CLIENT_ENTRY } from './paths';

export async function bundleClient(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
