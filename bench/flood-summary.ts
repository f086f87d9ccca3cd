import { formatHeap, ms, type FloodFigures } from './flood';
import type { PacedFigures } from './flood-paced';

/**
 * Issue 15's table: per flood and placement, the figures its goals are about, with the goal, the
 * figure before the work on the issue (its own table, one `npm run bench` run; "not measured" where
 * it had none) and the figure of this run.
 */

export interface FloodSuiteFigures {
  floods: FloodFigures[];
  paced: PacedFigures[];
}

/**
 * From issue 15 (one run of `npm run bench` before the work on it, 2 cores); marked † where the
 * issue had no figure: the first run of this suite (2026-11-30), before answers were streamed.
 */
const BEFORE: Record<string, string> = {
  'answer front last': '1.7 s',
  'answer front gap': '750 ms',
  'answer front reply': '1.4 s (typed → on screen)',
  'answer front heap': '72 MiB †',
  'stream front last': '4.5 s',
  'stream front gap': '133 ms',
  'stream front reply': '3.8 s (typed → on screen)',
  'stream front heap': '132 MiB †',
  'answer background last': '3,663 ms (3.1×) †',
  'answer background gap': '133 ms †',
  'answer background reply': '30 ms †',
  'answer background heap': '163 MiB †',
  'stream background last': '31,711 ms †',
  'stream background gap': '367 ms †',
  'stream background reply': '339 ms †',
  'stream background heap': '202 MiB †',
  'paced front drain': '356 ms †',
  'paced front gap': '183 ms †',
  'paced front median': '121 ms †',
  'paced front worst': '680 ms †',
  'paced front heap': '145 MiB †',
  'paced background drain': '116 ms †',
  'paced background gap': '233 ms †',
  'paced background median': '66 ms †',
  'paced background worst': '417 ms †',
  'paced background heap': '211 MiB †',
};

const NOT_MEASURED = 'not measured';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function floodRows(f: FloodFigures): string[] {
  const shape = f.kind === 'answer' ? '20 MiB as one answer' : '20 MiB as 5,120 server messages of 4 KiB';
  const where = f.tab === 'front' ? 'tab shown' : 'background tab of four';
  const key = `${f.kind} ${f.tab}`;
  const before = (figure: string): string => BEFORE[`${key} ${figure}`] ?? NOT_MEASURED;
  const ratio = f.mainMs > 0 ? ` (${(f.renderMs / f.mainMs).toFixed(2)}× the main process's ${ms(f.mainMs)})` : '';
  const lastGoal = f.kind === 'answer' ? '≤ 1.5× the main process' : '—';
  const name = `${shape}, ${where}`;
  return [
    `| ${name} | last line on screen | ${lastGoal} | ${before('last')} | ${ms(f.renderMs)}${ratio} |`,
    `| ${name} | longest frame gap | ≤ 100 ms | ${before('gap')} | ${ms(f.longestFrameGapMs)} |`,
    `| ${name} | command typed during it: server reply → answer on screen | ≤ 250 ms | ${before('reply')} | ${ms(f.probe.replyToScreenMs)} |`,
    `| ${name} | renderer heap after | < 150 MiB | ${before('heap')} | ${formatHeap(f.heapMiB, f.liveHeapMiB)} |`,
  ];
}

function pacedRows(f: PacedFigures): string[] {
  const where = f.tab === 'front' ? 'tab shown' : 'background tab of four';
  const name = `200 server messages of 1 KiB a second for 30 s, ${where} (${f.typed} commands typed)`;
  const worst = Math.max(0, ...f.replyToScreenMs);
  const before = (figure: string): string => BEFORE[`paced ${f.tab} ${figure}`] ?? NOT_MEASURED;
  return [
    `| ${name} | everything on screen after the last message | — | ${before('drain')} | ${ms(f.drainMs)} |`,
    `| ${name} | longest frame gap | ≤ 100 ms | ${before('gap')} | ${ms(f.longestFrameGapMs)} |`,
    `| ${name} | server reply → answer on screen: median | ≤ 250 ms | ${before('median')} | ${ms(median(f.replyToScreenMs))} |`,
    `| ${name} | server reply → answer on screen: worst | ≤ 250 ms | ${before('worst')} | ${ms(worst)} |`,
    `| ${name} | renderer heap after | < 150 MiB | ${before('heap')} | ${formatHeap(f.heapMiB, f.liveHeapMiB)} |`,
  ];
}

/** The table, before and after, for the figures of one run of the flood suite. */
export function floodSummaryTable({ floods, paced }: FloodSuiteFigures): string {
  const rows = ['| flood | figure | goal (issue 15) | before | after (this run) |', '| --- | --- | --- | --- | --- |'];
  for (const tab of ['front', 'background'] as const) {
    for (const f of floods.filter((figures) => figures.tab === tab)) rows.push(...floodRows(f));
    for (const f of paced.filter((figures) => figures.tab === tab)) rows.push(...pacedRows(f));
  }
  return rows.join('\n');
}
