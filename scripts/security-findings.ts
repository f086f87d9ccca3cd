/**
 * Reads what Electronegativity's programmatic runner returns into findings in a stable order, and
 * refuses, with a ScanReportError that says what was wrong, anything that is not such a report.
 */
export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
}

export interface AcceptedFinding {
  check: string;
  file: string;
  reason: string;
}

export class ScanReportError extends Error {
  constructor(what: string) {
    super(`Electronegativity's report could not be read: ${what}`);
    this.name = 'ScanReportError';
  }
}

interface ScannerIssue {
  id?: unknown;
  file?: unknown;
  description?: unknown;
  severity?: { name?: unknown };
  confidence?: { name?: unknown };
  location?: { line?: unknown; column?: unknown };
}

export interface ScannerResult {
  issues?: unknown;
  errors?: unknown;
}

function text(value: unknown, field: string, index: number): string {
  if (typeof value !== 'string' || value === '') throw new ScanReportError(`finding ${index} has no ${field}`);
  return value;
}

function position(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Checks the shape of what the runner returned, so a changed scanner fails loudly, not silently. */
export function readFindings(result: ScannerResult | undefined): Finding[] {
  if (result === undefined || !Array.isArray(result.issues)) {
    throw new ScanReportError('the runner returned no list of issues');
  }
  const failures = Array.isArray(result.errors)
    ? (result.errors as Array<{ file?: unknown; message?: unknown; tolerable?: unknown }>).filter(
        (e) => e.tolerable !== true,
      )
    : [];
  if (failures.length > 0) {
    const list = failures.map((e) => `${String(e.file)}: ${String(e.message)}`).join('; ');
    throw new ScanReportError(`some files could not be parsed, so they were not scanned (${list})`);
  }
  const findings = (result.issues as ScannerIssue[]).map((issue, index) => ({
    check: text(issue.id, 'check id', index),
    severity: text(issue.severity?.name, 'severity', index),
    confidence: text(issue.confidence?.name, 'confidence', index),
    file: text(issue.file, 'file', index).split('\\').join('/'),
    line: position(issue.location?.line),
    column: position(issue.location?.column),
    description: typeof issue.description === 'string' ? issue.description : '',
  }));
  // The scanner's own order depends on the order its file reads finish.
  return findings.sort(
    (a, b) => a.check.localeCompare(b.check) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
