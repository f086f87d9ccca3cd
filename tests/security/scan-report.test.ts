import { describe, expect, it } from 'vitest';
import { readFindings, ScanReportError } from '../../scripts/security-findings';

const issue = (id: string, file: string, line: number) => ({
  id,
  file,
  description: `${id} in ${file}`,
  severity: { name: 'LOW' },
  confidence: { name: 'FIRM' },
  location: { line, column: 0 },
});

describe('reading the security scanner’s report', () => {
  it('gives the same findings in the same order whatever order the scanner reports them in', () => {
    const a = issue('CSP_GLOBAL_CHECK', 'renderer/index.html', 4);
    const b = issue('CSP_GLOBAL_CHECK', 'main/index.js', 1663);
    const c = issue('AUXCLICK_JS_CHECK', 'main/index.js', 10);
    const first = readFindings({ issues: [a, b, c], errors: [] });
    const second = readFindings({ issues: [c, a, b], errors: [] });
    expect(second).toEqual(first);
    expect(first.map((f) => `${f.check} ${f.file}`)).toEqual([
      'AUXCLICK_JS_CHECK main/index.js',
      'CSP_GLOBAL_CHECK main/index.js',
      'CSP_GLOBAL_CHECK renderer/index.html',
    ]);
  });

  it('fails loudly, saying what is wrong, on a report it cannot read', () => {
    expect(() => readFindings(undefined)).toThrow(ScanReportError);
    expect(() => readFindings({ issues: 'CSP_GLOBAL_CHECK' })).toThrow(/no list of issues/);
    expect(() => readFindings({ issues: [{ ...issue('X', 'a.js', 1), id: '' }] })).toThrow(/finding 0 has no check id/);
    expect(() => readFindings({ issues: [{ ...issue('X', 'a.js', 1), severity: {} }] })).toThrow(/no severity/);
  });

  it('refuses a scan in which a file could not be parsed, since that file was not scanned', () => {
    const result = { issues: [], errors: [{ file: 'main/index.js', message: 'Unexpected token', tolerable: false }] };
    expect(() => readFindings(result)).toThrow(/main\/index.js: Unexpected token/);
    expect(readFindings({ issues: [], errors: [{ file: 'x.js', message: 'warning', tolerable: true }] })).toEqual([]);
  });
});
