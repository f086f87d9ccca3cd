import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run security-scan`: Electronegativity over the built app (out/). Every finding must be one
 * explained in security/accepted-findings.json (and docs/security.md); any other fails the run.
 */
interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  description: string;
}

interface AcceptedFinding {
  check: string;
  file: string;
  reason: string;
}

/** The scanner's CSV quotes fields that hold commas; a small reader is enough for it. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

function scan(electronVersion: string): Finding[] {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  const report = join(dir, 'report.csv');
  try {
    const run = spawnSync(
      'npx',
      ['--no-install', 'electronegativity', '-i', 'out', '-e', electronVersion, '-r', '-o', report],
      { encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`electronegativity failed (exit ${run.status}): ${run.stderr.trim()}`);
    const [, ...lines] = readFileSync(report, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    return lines.map((line) => {
      const [check = '', severity = '', confidence = '', file = '', location = '', , description = ''] =
        parseCsvLine(line);
      return { check, severity, confidence, file, location, description };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
  const electronVersion = (pkg.devDependencies['electron'] ?? '').replace(/^[^\d]*/, '');
  const accepted = JSON.parse(readFileSync('security/accepted-findings.json', 'utf8')) as AcceptedFinding[];
  const findings = scan(electronVersion);
  const unexplained = findings.filter((f) => !accepted.some((a) => a.check === f.check && a.file === f.file));
  for (const finding of findings) {
    const verdict = unexplained.includes(finding) ? 'NOT EXPLAINED' : 'explained in docs/security.md';
    console.log(
      `${finding.check} ${finding.severity}/${finding.confidence} ${finding.file}:${finding.location} — ${finding.description} [${verdict}]`,
    );
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

main();
