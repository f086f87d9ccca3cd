/** 754 → "12:34", 3723 → "1:02:03", like the `connected` column of `status`; null → the `none` text. */
export function formatDuration(seconds: number | null, none = '-'): string {
  if (seconds === null) return none;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
