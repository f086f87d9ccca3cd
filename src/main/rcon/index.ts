export { RconClient } from './client';
export type { ExecuteOptions, LateAnswer, RconClientEvents, RconResponse, RconStatus, ServerMessage } from './client';
export { RconMessage, PacketType, AUTH_FAILED_ID, MAX_COMMAND_BYTES } from './packet';
export { FrameDecoder, DEFAULT_MAX_PACKET_BYTES } from './frame-decoder';
export { ResponseRouter } from './response-router';
export {
  RconError,
  RconAuthError,
  RconTimeoutError,
  RconConnectionError,
  RconProtocolError,
  RconRequestError,
  RconResponseTooLargeError,
} from './errors';
export type { ConnectionFailure, TimeoutPhase } from './errors';
export { DEFAULT_PORT, DEFAULTS, DIALECTS, ENCODINGS } from './options';
export type { RconClientOptions, RconDialect, RconEncoding, DetectedDialect } from './options';
export { diagnose } from './diagnose';
export type { Diagnosis, DiagnosisStep, DiagnosisStepId, DiagnosisVerdict, DiagnoseOptions } from './diagnose';
