/**
 * What the playground serves besides static files: the file map of the demo and the client bundle.
 * Both are rebuilt when the page itself is requested, so a reload shows the current
 * `miniprogram_dist/` and demo sources (e.g. while `npm run dev` rebuilds them).
 */
import * as fs from 'fs';
import * as path from 'path';
import { bundleClient } from './client-bundle';
import { buildFileMapScript } from './file-map';
import { collectTree } from './mp-tree';

export interface BuiltAssets {
  fileMap: string;
  client: string;
}

export interface AssetOptions {
  root: string;
  demoDir: string;
}

function libVersionOf(root: string): string {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as { libVersion?: unknown };
    if (typeof config.libVersion === 'string' && /^\d+\.\d+\.\d+$/.test(config.libVersion)) return config.libVersion;
  } catch {
    // no project config: fall through to a current base library
  }
  return '3.0.0';
}

export async function buildAssets(o: AssetOptions): Promise<BuiltAssets> {
  const fileMap = buildFileMapScript(collectTree(o.demoDir, o.root), { libVersion: libVersionOf(o.root) });
  return { fileMap, client: await bundleClient() };
}

export class Assets {
  private current: Promise<BuiltAssets>;

  constructor(private readonly options: AssetOptions) {
    this.current = buildAssets(options);
    // A failed build is reported when a route asks for it, not as an unhandled rejection here.
    this.current.catch(() => undefined);
  }

  /** The newest build (waits while one runs). */
  get(): Promise<BuiltAssets> {
    return this.current;
  }

  /** Starts a rebuild; later `get()` calls see its result. */
  refresh(): Promise<BuiltAssets> {
    this.current = buildAssets(this.options);
    this.current.catch(() => undefined);
    return this.current;
  }
}
