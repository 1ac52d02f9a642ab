/** 1536 → "1.5 KB"; used in size messages the end user reads. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < 3) {
    value /= 1024;
    unit++;
  }
  return (unit ? Math.round(value * 10) / 10 : value) + ' ' + ['B', 'KB', 'MB', 'GB'][unit];
}
