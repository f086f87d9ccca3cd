import { diagnose, type Diagnosis, type DiagnosisVerdict } from '../main/rcon';
import { formatServerAddress, type ServerAddress } from './address';
import type { ConnectionSettings } from './args';
import { exitCodeFor, ExitCode } from './exit-codes';

const MARKS: Record<DiagnosisVerdict, string> = {
  ok: 'ok     ',
  warning: 'note   ',
  failed: 'FAILED ',
  skipped: 'skipped',
};

/** `rcon --diagnose ADDRESS`: every step on its own line, then the likely fix; exits like the failure would. */
export async function runDiagnosis(request: {
  address: ServerAddress;
  password: string | undefined;
  settings: ConnectionSettings;
  stdout: NodeJS.WritableStream;
}): Promise<ExitCode> {
  const { address, password, settings, stdout } = request;
  stdout.write(`Diagnosing ${formatServerAddress(address)}\n`);
  const diagnosis = await diagnose({
    host: address.host,
    port: address.port,
    password,
    timeoutMs: settings.commandTimeoutMs,
    encoding: settings.encoding,
  });
  stdout.write(formatDiagnosis(diagnosis));
  return diagnosis.error
    ? exitCodeFor(diagnosis.error)
    : diagnosisFailed(diagnosis)
      ? ExitCode.connection
      : ExitCode.ok;
}

export function formatDiagnosis(diagnosis: Diagnosis): string {
  const lines = diagnosis.steps.map((step) => `  ${MARKS[step.verdict]}  ${step.text}\n`);
  if (diagnosis.fix) lines.push(`Likely fix: ${diagnosis.fix}\n`);
  else if (!diagnosisFailed(diagnosis)) lines.push('Everything needed to use this server works.\n');
  return lines.join('');
}

function diagnosisFailed(diagnosis: Diagnosis): boolean {
  return diagnosis.steps.some((step) => step.verdict === 'failed');
}
