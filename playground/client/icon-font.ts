/**
 * vant's icons come from a font vant's wxss loads from a CDN; the playground serves that font itself
 * (server/fonts.ts). The body says whether it loaded (`data-icon-font`), which test/e2e checks.
 */
const WAIT_MS = 3000;

export async function checkIconFont(): Promise<void> {
  const loaded = document.fonts.load('16px vant-icon').then(
    (faces) => faces.every((f) => f.status === 'loaded'),
    () => false,
  );
  const timedOut = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), WAIT_MS));
  const available = await Promise.race([loaded, timedOut]);
  document.body.dataset.iconFont = available ? 'loaded' : 'unavailable';
  // A font that shows up late still gets used: only a definite failure hides icons.
  if (available) void loaded.then((ok) => (document.body.dataset.iconFont = ok ? 'loaded' : 'unavailable'));
}
