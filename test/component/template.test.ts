/**
 * What the renderer in jsdom cannot show: accessibility attributes (simulate drops `aria-*`),
 * the theme variables and dark mode of the stylesheet, and the texts of both locales.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TmplGroup } from 'glass-easel-template-compiler';
import { textsFor, Texts } from '../../components/resource-uploader/texts';

const DIR = path.resolve(__dirname, '../../components/resource-uploader');
const wxml = fs.readFileSync(path.join(DIR, 'index.wxml'), 'utf8');
const wxss = fs.readFileSync(path.join(DIR, 'index.wxss'), 'utf8');
const json = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as { component: boolean; styleIsolation?: string; addGlobalClass?: boolean; usingComponents: Record<string, string> };

/** Start tags with their attributes (templates spread tags over several lines). */
function tags(source: string): Array<{ name: string; attrs: string }> {
  const out: Array<{ name: string; attrs: string }> = [];
  const re = /<([a-z][\w-]*)(\s[^>]*?)?\/?>/g;
  const clean = source.replace(/<!--[\s\S]*?-->/g, '');
  for (let m = re.exec(clean); m; m = re.exec(clean)) out.push({ name: m[1], attrs: m[2] || '' });
  return out;
}

describe('accessibility', () => {
  const controls = tags(wxml).filter((t) => /\b(bind|catch):?(tap|click)=/.test(t.attrs));

  test('there are controls: trigger, slot wrapper, retry, cancel, remove, upload', () => {
    expect(controls.length).toBeGreaterThanOrEqual(6);
  });

  test('every control has an aria-label; every one that is not a (native) button has aria-role="button"', () => {
    for (const c of controls) {
      expect(`${c.name} ${c.attrs}`).toMatch(/aria-label="\{\{[^"]+\}\}[^"]*"/);
      if (c.name !== 'van-button') expect(`${c.name} ${c.attrs}`).toMatch(/aria-role="button"/);
    }
  });

  test('per-file controls name the file they act on', () => {
    for (const c of controls.filter((t) => /data-id=/.test(t.attrs))) expect(c.attrs).toMatch(/aria-label="[^"]*\{\{ name \}\}/);
  });

  test('the list, the progress bars and the messages carry roles', () => {
    expect(wxml).toMatch(/aria-role="list"/);
    expect(wxml).toMatch(/aria-role="listitem"/);
    expect((wxml.match(/aria-role="progressbar"/g) || []).length).toBe(2);
    expect(wxml).toMatch(/aria-role="alert"/);
    expect(wxml).toMatch(/aria-role="status"/);
  });
});

describe('previews', () => {
  test('thumbnails: the temp path, aspectFill, lazy; behind a button that names the file', () => {
    // One row markup serves the host's files and the chosen ones.
    const images = tags(wxml).filter((t) => t.name === 'image');
    expect(images.length).toBe(1);
    for (const i of images) {
      expect(i.attrs).toMatch(/src="\{\{ thumb \}\}"/);
      expect(i.attrs).toMatch(/mode="aspectFill"/);
      expect(i.attrs).toMatch(/\blazy-load\b/);
    }
    const previews = tags(wxml).filter((t) => /catch:tap="onPreviewTap"/.test(t.attrs));
    const plays = tags(wxml).filter((t) => /catch:tap="onPlayTap"/.test(t.attrs));
    // One control: the thumbnail, or a host file's icon when it has no thumbnail (stored by name, a video without a cover).
    expect(previews).toHaveLength(1);
    for (const p of previews) expect(p.attrs).toMatch(/aria-role="button" aria-label="\{\{ texts\.preview \}\} \{\{ name \}\}"/);
    expect(plays).toHaveLength(1);
    for (const p of plays) expect(p.attrs).toMatch(/aria-label="\{\{ playing === id \? texts\.stop : texts\.play \}\} \{\{ name \}\}"/);
  });
});

describe('theme', () => {
  const root = /\.ru \{([^}]*)\}/.exec(wxss)![1];
  const dark = /@media \(prefers-color-scheme: dark\) \{\s*\.ru \{([^}]*)\}/.exec(wxss);

  test('each private colour comes from a public --resource-uploader-* variable, in light and dark', () => {
    expect(dark).not.toBeNull();
    const privateVars = (block: string) => block.match(/--ru-[\w-]+:\s*[^;]+;/g) || [];
    expect(privateVars(root).length).toBeGreaterThanOrEqual(8);
    for (const block of [root, dark![1]]) {
      for (const decl of privateVars(block)) expect(decl).toMatch(/^--ru-([\w-]+):\s*var\(--resource-uploader-\1, [^)]+\);$/);
    }
    // Dark mode changes every private colour, with its own fallbacks.
    expect(privateVars(dark![1]).map((d) => d.split(':')[0])).toEqual(privateVars(root).map((d) => d.split(':')[0]));
    expect(privateVars(dark![1])).not.toEqual(privateVars(root));
  });

  test('no rule outside those definitions hard-codes a colour', () => {
    const rest = wxss.replace(root, '').replace(dark![1], '').replace(/\/\*[\s\S]*?\*\//g, '');
    const colours = rest.match(/(?:^|[;{\s])(color|background|background-color|border-color):\s*[^;]+;/g) || [];
    expect(colours.length).toBeGreaterThan(5);
    for (const c of colours) expect(c).toMatch(/var\(--ru-[\w-]+\)/);
  });

  test('one palette: vant’s buttons, progress and spinner inside take the component’s colours in light and dark', () => {
    // Declared once on the root, reading --ru-*, which the dark block redefines: so both modes follow.
    for (const v of ['--button-primary-background-color', '--button-primary-border-color']) {
      expect(root).toMatch(new RegExp(`${v}: var\\(--ru-primary-color\\);`));
    }
    // van-progress writes its `color` (default #1989fa) inline, over --progress-color: so the attribute.
    expect(wxml).toMatch(/<van-progress\s+color="var\(--ru-primary-color\)"/);
    expect(root).toMatch(/--ru-primary-color: var\(--resource-uploader-primary-color, #1989fa\);/);
    expect(dark![1]).toMatch(/--ru-primary-color: var\(--resource-uploader-primary-color, #[0-9a-f]{6}\);/);
    // No vant colour is set anywhere else (a second definition would win in one mode only).
    const rest = wxss.replace(root, '');
    expect(rest).not.toMatch(/--button-primary-[\w-]+:/);
  });

  test('sizes are themable too', () => {
    for (const name of ['font-size', 'radius', 'gap', 'icon-size', 'step-height', 'item-padding']) {
      expect(wxss).toContain(`--resource-uploader-${name}`);
    }
  });
});

describe('parts', () => {
  test('vant parts come through host-npm paths, and every custom tag used is declared', () => {
    expect(json.component).toBe(true);
    for (const p of Object.values(json.usingComponents)) expect(p).toMatch(/^@vant\/weapp\/[a-z-]+\/index$/);
    const used = new Set(tags(wxml).map((t) => t.name).filter((n) => n.startsWith('van-')));
    expect([...used].sort()).toEqual(Object.keys(json.usingComponents).sort());
  });
});

describe('glass-easel (`"componentFramework": "glass-easel"`)', () => {
  test('listeners are written with a colon: glass-easel reads `bindtap=` on a native node only with a compiler fallback', () => {
    const clean = wxml.replace(/<!--[\s\S]*?-->/g, '');
    expect(clean).not.toMatch(/\s(bind|catch|capture-bind|capture-catch|mut-bind)[a-z]+=/);
    expect(clean).toMatch(/\sbind:tap="onChooseTap"/);
  });

  test('the template compiles without a warning under glass-easel-template-compiler', () => {
    const group = new TmplGroup();
    try {
      expect(group.addTmpl('resource-uploader/index', wxml)).toEqual([]);
      expect(group.getTmplGenObjectGroups()).toContain('resource-uploader/index');
    } finally {
      group.free();
    }
  });

  test('style isolation is in the JSON, the one place glass-easel reads it from (not the JS options)', () => {
    expect(json.styleIsolation).toBe('isolated');
    expect(json).not.toHaveProperty('addGlobalClass');
    const js = fs.readFileSync(path.join(DIR, 'index.ts'), 'utf8');
    expect(js).not.toMatch(/styleIsolation|addGlobalClass/);
  });
});

describe('texts', () => {
  const flat = (t: Texts): string[] => [
    ...Object.values(t.choose),
    t.upload,
    t.retry,
    t.remove,
    t.cancel,
    t.region,
    t.list,
    t.progress,
    t.preview,
    t.play,
    t.stop,
    ...Object.values(t.state),
    ...Object.values(t.delivery),
  ];

  test('both locales say everything, and English has no Chinese in it', () => {
    const zh = flat(textsFor('zh-CN'));
    const en = flat(textsFor('en'));
    expect(en).toHaveLength(zh.length);
    for (const s of [...zh, ...en]) expect(s.trim()).not.toBe('');
    for (const s of en) expect(s).not.toMatch(/[\u4e00-\u9fff]/);
    for (const s of zh) expect(s).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(textsFor('en').state).sort()).toEqual(['aborted', 'delivering', 'done', 'failed', 'hashing', 'paused', 'registering', 'signing', 'uploading', 'waiting']);
  });
});
