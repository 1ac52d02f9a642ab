/**
 * One palette, as Chromium computes it: `--resource-uploader-primary-color` colours vant's button
 * inside the component in light and in dark mode, and the default is one blue in each mode.
 */
import { part, section, uploaderIn, usePlayground } from './harness';

jest.setTimeout(90000);

const s = usePlayground();

function buttonColours(): Promise<{ background: string; border: string }> {
  return uploaderIn(section(s, 'One file'))
    .locator(`${part('choose')} wx-button`)
    .evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, border: style.borderTopColor };
    });
}

async function theme(value: 'light' | 'dark'): Promise<void> {
  await s.page.locator(`.pg-panel [data-choice="theme"] [data-value="${value}"]`).click();
}

async function primary(value: string | null): Promise<void> {
  await uploaderIn(section(s, 'One file')).evaluate((el, v) => {
    if (v === null) (el as HTMLElement).style.removeProperty('--resource-uploader-primary-color');
    else (el as HTMLElement).style.setProperty('--resource-uploader-primary-color', v);
  }, value);
}

test('default: the component’s blue on vant’s button, in light (#1989fa) and dark (#3d9bff)', async () => {
  await theme('light');
  await expect(buttonColours()).resolves.toEqual({ background: 'rgb(25, 137, 250)', border: 'rgb(25, 137, 250)' });
  await theme('dark');
  await expect(buttonColours()).resolves.toEqual({ background: 'rgb(61, 155, 255)', border: 'rgb(61, 155, 255)' });
  await theme('light');
});

test('--resource-uploader-primary-color drives vant’s button in light and in dark mode', async () => {
  await primary('rgb(255, 0, 0)');
  await theme('light');
  await expect(buttonColours()).resolves.toEqual({ background: 'rgb(255, 0, 0)', border: 'rgb(255, 0, 0)' });
  await theme('dark');
  await expect(buttonColours()).resolves.toEqual({ background: 'rgb(255, 0, 0)', border: 'rgb(255, 0, 0)' });
  await theme('light');
  await primary(null);
});
