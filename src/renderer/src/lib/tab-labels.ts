/** What a tab label needs to know about its tab. */
export interface LabelledTab {
  sessionId: string;
  profileId: string;
  title: string;
  /** 1 for the first tab of a server, 2 for the second…; fixed when the tab opens (see `nextCopyNumber`). */
  copy?: number;
}

/**
 * "Name", or "Name (2)" for the second tab of the same server, by session id. The number is the
 * tab's own (`copy`), so closing the first tab does not move "(2)" onto another one.
 */
export function tabLabels(tabs: readonly LabelledTab[]): Map<string, string> {
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const tab of tabs) {
    const count = (seen.get(tab.profileId) ?? 0) + 1;
    seen.set(tab.profileId, count);
    const copy = tab.copy ?? count;
    labels.set(tab.sessionId, copy > 1 ? `${tab.title} (${copy})` : tab.title);
  }
  return labels;
}

/** The smallest copy number no open tab of this server uses. */
export function nextCopyNumber(tabs: readonly LabelledTab[], profileId: string): number {
  const used = new Set(tabs.filter((tab) => tab.profileId === profileId).map((tab) => tab.copy ?? 1));
  let copy = 1;
  while (used.has(copy)) copy += 1;
  return copy;
}

/** A label in two parts: `head` may be clipped, `tail` is what tells it apart from the others. */
export interface SplitLabel {
  head: string;
  tail: string;
}

const WORD_BREAK = /[\s\-_./:]/;

/**
 * Splits each label where it stops sharing a start with another label (at a word break), so a
 * narrow tab can clip the shared start ("CS2 commu…") and keep the part that differs ("07").
 */
export function splitLabels(labels: readonly string[]): SplitLabel[] {
  return labels.map((label, index) => {
    let shared = 0;
    labels.forEach((other, otherIndex) => {
      if (otherIndex === index) return;
      let common = 0;
      while (common < label.length && common < other.length && label[common] === other[common]) common += 1;
      shared = Math.max(shared, common);
    });
    if (shared === 0) return { head: label, tail: '' };
    let cut = Math.min(shared, label.length - 1);
    while (cut > 0 && !WORD_BREAK.test(label[cut]!)) cut -= 1;
    if (cut === 0) return { head: '', tail: label };
    return { head: label.slice(0, cut + 1), tail: label.slice(cut + 1) };
  });
}
