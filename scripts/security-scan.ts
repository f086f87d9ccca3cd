import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { readFindings, type AcceptedFinding, type Finding, type ScannerResult } from './security-findings';

/**
 * `npm run security-scan`: Electronegativity over the built app (out/). Every finding must be one
 * explained in security/accepted-findings.json (and docs/security.md); any other fails the run.
 *
 * The scanner is called through its programmatic runner, which returns its findings as objects.
 * Its CSV report is not used: the scanner writes the header and the rows with two unawaited
 * `fs.writeFile` calls, so rows came out reordered or torn in two and the run failed at random.
 */
type ScannerRun = (options: Record<string, unknown>) => Promise<ScannerResult | undefined>;

async function scan(electronVersion: string): Promise<Finding[]> {
  const require = createRequire(import.meta.url);
  const run = require('@doyensec/electronegativity') as ScannerRun;
  const result = await run({
    input: resolve('out'),
    isRelative: true,
    electronVersionOverride: electronVersion,
    customScan: [],
    excludeFromScan: [],
  });
  return readFindings(result);
}

function describe(finding: Finding): string {
  return `${finding.check} ${finding.severity}/${finding.confidence} ${finding.file}:${finding.line}:${finding.column}`;
}

async function main(): Promise<void> {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
  const electronVersion = (pkg.devDependencies['electron'] ?? '').replace(/^[^\d]*/, '');
  const accepted = JSON.parse(readFileSync('security/accepted-findings.json', 'utf8')) as AcceptedFinding[];
  const findings = await scan(electronVersion);
  const unexplained = findings.filter((f) => !accepted.some((a) => a.check === f.check && a.file === f.file));
  for (const finding of findings) {
    const verdict = unexplained.includes(finding) ? 'NOT EXPLAINED' : 'explained in docs/security.md';
    console.log(`${describe(finding)} — ${finding.description} [${verdict}]`);
  }
  for (const stale of accepted.filter((a) => !findings.some((f) => a.check === f.check && a.file === f.file))) {
    console.log(
      `note: ${stale.check} in ${stale.file} is no longer found; remove it from security/accepted-findings.json`,
    );
  }
  console.log(
    `electronegativity: ${findings.length} findings, ${findings.length - unexplained.length} explained, ${unexplained.length} unexplained`,
  );
  if (unexplained.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
