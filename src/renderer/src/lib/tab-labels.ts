/** "Name", or "Name (2)" for the second tab of the same server, by session id. */
export function tabLabels(
  tabs: readonly { sessionId: string; profileId: string; title: string }[],
): Map<string, string> {
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const tab of tabs) {
    const count = (seen.get(tab.profileId) ?? 0) + 1;
    seen.set(tab.profileId, count);
    labels.set(tab.sessionId, count > 1 ? `${tab.title} (${count})` : tab.title);
  }
  return labels;
}
