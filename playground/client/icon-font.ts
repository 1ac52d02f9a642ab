/**
 * vant's icons come from a font on a CDN. Offline (CI, tests) it cannot load and the icons would
 * show as empty boxes; they are hidden instead, and the body says so (`data-icon-font`).
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
