/**
 * A page of its own on the emulator's port: the built component on glass-easel in the browser
 * (client.ts), its host uploading to this emulator. The templates are compiled here, in Node
 * (the compiler is WebAssembly for Node); the page gets them as JavaScript.
 */
import { IncomingMessage, ServerResponse } from 'http';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { Emulator, startEmulator } from '../../../emulator';
import { EVENT_NAMES } from '../../support/mount-uploader';
import { compileTemplateGroups, needsColonlessListeners, UPLOADER_PATH, uploaderSources } from '../../support/glass-easel-sources';

export interface PageSources {
  components: Array<{ path: string; config: unknown; scope: string; css: string; colonlessListeners: boolean }>;
  templateGroups: string;
  uploaderPath: string;
  host: { path: string; templateGroups: string; data: Record<string, unknown> };
}

const HOST_PATH = 'pages/index/index';

/** The host page: the uploader with its product, token and endpoint, every SPEC event recorded. */
function hostTemplate(): string {
  const binds = EVENT_NAMES.map((e) => `bind:${e}="onEvent"`).join(' ');
  return `<resource-uploader id="uploader" product-id="{{ productId }}" access-token="{{ accessToken }}" endpoint="{{ endpoint }}" ${binds} />`;
}

function pageSources(emulator: Emulator): PageSources {
  const { components, templateGroups } = uploaderSources();
  return {
    components: components.map((c) => ({ path: c.path, config: c.config, scope: c.scope, css: c.css, colonlessListeners: needsColonlessListeners(c.path) })),
    templateGroups,
    uploaderPath: UPLOADER_PATH,
    host: {
      path: HOST_PATH,
      templateGroups: compileTemplateGroups({ [HOST_PATH]: hostTemplate() }),
      data: { productId: emulator.productId, accessToken: emulator.token, endpoint: emulator.endpoint },
    },
  };
}

async function clientBundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, 'client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const HTML = '<!doctype html><html><head><meta charset="utf-8"><title>glass-easel</title></head><body><script src="/ge/page.js"></script><script src="/ge/client.js"></script></body></html>';

export interface GlassEaselPage {
  url: string;
  emulator: Emulator;
  stop(): Promise<void>;
}

export async function startGlassEaselPage(): Promise<GlassEaselPage> {
  const client = await clientBundle();
  let sources = '';
  const send = (res: ServerResponse, type: string, body: string) => {
    res.statusCode = 200;
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'no-store');
    res.end(body);
  };
  const routes = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const urlPath = (req.url ?? '/').split('?')[0];
    if (urlPath === '/') send(res, 'text/html; charset=utf-8', HTML);
    else if (urlPath === '/ge/page.js') send(res, 'text/javascript; charset=utf-8', sources);
    else if (urlPath === '/ge/client.js') send(res, 'text/javascript; charset=utf-8', client);
    else if (urlPath === '/favicon.ico') send(res, 'image/x-icon', '');
    else return false;
    return true;
  };
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', fallback: routes });
  sources = `window.__GE_PAGE__ = ${JSON.stringify(pageSources(emulator))};`;
  return { url: emulator.origin + '/', emulator, stop: () => emulator.stop() };
}
