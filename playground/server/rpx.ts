/**
 * WeChat's rpx: 750rpx is the screen's width. The playground's phone is 375 px wide, so 1rpx is
 * 0.5px. (simulate would turn `Nrpx` into `Npx`, a 750-px screen; converting first leaves it nothing to do.)
 */
export const SCREEN_WIDTH = 375;

export function rpxToPx(css: string, screenWidth = SCREEN_WIDTH): string {
  return css.replace(/(-?\d*\.?\d+)rpx\b/g, (_, n: string) => `${+(Number(n) * (screenWidth / 750)).toFixed(4)}px`);
}
