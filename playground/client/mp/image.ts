/**
 * `<image>` that draws its `src`. simulate registers every built-in tag as an empty `<slot/>`
 * component with no properties ("注册内置组件" in its build.js), so `src` and `mode` are dropped on
 * the way to the DOM and every image is an empty box. Registering `image` again, before a page
 * loads, with WeChat's properties and a template like WeChat's own web rendering (a box whose
 * background is the picture; `mode` becomes `background-size`/`-position`) makes thumbnails show.
 * A temp path (`wxfile://tmp_…`) becomes an object URL of the picked file.
 */
import { pgWindow } from '../globals';
import { browserUrl } from '../wx/media';

/** WeChat's `mode` values as CSS backgrounds. widthFix/heightFix also resize the box in WeChat; not here. */
const MODES: Record<string, string> = {
  scaleToFill: 'background-size:100% 100%',
  aspectFit: 'background-size:contain;background-position:center',
  aspectFill: 'background-size:cover;background-position:center',
  widthFix: 'background-size:100% auto',
  heightFix: 'background-size:auto 100%',
  top: 'background-position:top',
  bottom: 'background-position:bottom',
  center: 'background-position:center',
  left: 'background-position:left',
  right: 'background-position:right',
  'top left': 'background-position:top left',
  'top right': 'background-position:top right',
  'bottom left': 'background-position:bottom left',
  'bottom right': 'background-position:bottom right',
};

export function backgroundStyle(src: string, mode: string): string {
  const url = typeof src === 'string' && src ? browserUrl(src) : '';
  const picture = url ? `background-image:url("${url.replace(/["\\\n]/g, (c) => '\\' + c)}");` : '';
  return `display:block;width:100%;height:100%;background-repeat:no-repeat;${picture}${MODES[mode] ?? MODES.scaleToFill}`;
}

export function installImage(): void {
  const register = pgWindow.simulate.load as unknown as (definition: object) => string;
  register({
    id: 'image',
    tagName: 'wx-image',
    template: '<view class="pg-image" style="{{ style }}"></view>',
    properties: {
      src: { type: String, value: '' },
      mode: { type: String, value: 'scaleToFill' },
      lazyLoad: { type: Boolean, value: false },
      webp: { type: Boolean, value: false },
      showMenuByLongpress: { type: Boolean, value: false },
    },
    data: { style: backgroundStyle('', 'scaleToFill') },
    observers: {
      'src, mode'(this: { setData(d: object): void }, src: string, mode: string) {
        this.setData({ style: backgroundStyle(src, mode) });
      },
    },
  });
}
