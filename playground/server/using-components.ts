/**
 * `usingComponents` resolution the way WeChat does it: a path relative to the component first,
 * then `miniprogram_npm/<path>` in the component's folder and each folder above it. simulate only
 * knows relative and root-absolute paths (npm-style ones are silently dropped), so npm paths are
 * rewritten to root-absolute ones before the browser sees them.
 */
import * as path from 'path';

type Exists = (virtualPath: string) => boolean;

/** The root-absolute path (`/miniprogram_npm/@vant/weapp/button/index`) or the value unchanged. */
export function resolveComponentPath(value: string, componentDir: string, exists: Exists): string {
  if (value.startsWith('/') || value.startsWith('./') || value.startsWith('../') || value.includes('://')) return value;
  if (exists(path.posix.join(componentDir, value) + '.json')) return value;
  for (let dir = componentDir; ; dir = path.posix.dirname(dir)) {
    const base = path.posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', value);
    if (exists(base + '.json')) return '/' + base;
    if (exists(base + '/index.json')) return '/' + base + '/index';
    if (dir === '.' || dir === '' || dir === '/') return value;
  }
}

/** The JSON text with every `usingComponents` entry resolved. */
export function resolveUsingComponents(jsonText: string, virtualPath: string, exists: Exists): string {
  let json: { usingComponents?: Record<string, string> };
  try {
    json = JSON.parse(jsonText) as typeof json;
  } catch {
    return jsonText; // not ours to fix: simulate reports it the way DevTools would
  }
  const using = json.usingComponents;
  if (!using || typeof using !== 'object') return jsonText;
  const dir = path.posix.dirname(virtualPath);
  for (const tag of Object.keys(using)) using[tag] = resolveComponentPath(String(using[tag]), dir, exists);
  return JSON.stringify(json);
}
