/**
 * The playground's routes, served as the emulator's fallback on the same port: the page, its
 * styles and fonts, simulate's browser bundle, the demo's file map and the client bundle.
 */
import { promises as fsp } from 'fs';
import { IncomingMessage, ServerResponse } from 'http';
import * as path from 'path';
import { Assets, BuiltAssets } from './assets';
import { fontAt } from './fonts';
import { SIMULATE_BUNDLE, STATIC_DIR } from './paths';

type Body = string | Buffer;

const STATIC: Record<string, [file: string, type: string]> = {
  '/playground/base.css': [path.join(STATIC_DIR, 'base.css'), 'text/css; charset=utf-8'],
  '/playground/playground.css': [path.join(STATIC_DIR, 'playground.css'), 'text/css; charset=utf-8'],
  '/playground/simulate.js': [SIMULATE_BUNDLE, 'text/javascript; charset=utf-8'],
};

const BUILT: Record<string, [pick: (a: BuiltAssets) => string, type: string]> = {
  '/playground/mp.js': [(a) => a.fileMap, 'text/javascript; charset=utf-8'],
  '/playground/client.js': [(a) => a.client, 'text/javascript; charset=utf-8'],
};

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Body): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('content-length', Buffer.byteLength(body));
  // A playground is for changing code: never serve yesterday's bundle.
  res.setHeader('cache-control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : body);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The emulator's `fallback`: true when the request was one of ours and has been answered. */
export function playgroundRoutes(assets: Assets): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const urlPath = (req.url ?? '/').split('?')[0];
    if (urlPath === '/' || urlPath === '/index.html') {
      // Rebuild on every page load so a reload shows the current build; the scripts wait for it.
      assets.refresh().catch(() => undefined);
      send(req, res, 200, 'text/html; charset=utf-8', await fsp.readFile(path.join(STATIC_DIR, 'index.html')));
      return true;
    }
    if (urlPath === '/favicon.ico') {
      send(req, res, 204, 'image/x-icon', '');
      return true;
    }
    const font = fontAt(urlPath);
    if (font) {
      send(req, res, 200, font.type, font.body);
      return true;
    }
    const file = STATIC[urlPath];
    if (file) {
      send(req, res, 200, file[1], await fsp.readFile(file[0]));
      return true;
    }
    const built = BUILT[urlPath];
    if (built) {
      try {
        send(req, res, 200, built[1], built[0](await assets.get()));
      } catch (err) {
        // Shown by the page (the script fails to load) and readable at this URL.
        send(req, res, 500, 'text/plain; charset=utf-8', `playground build failed: ${errorText(err)}`);
      }
      return true;
    }
    return false;
  };
}
