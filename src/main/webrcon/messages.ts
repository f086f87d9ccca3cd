import type { RemoteMessage } from '../protocol/remote-console';

/**
 * Rust's WebRCON messages (Facepunch's RCon.cs; format as documented by Oxide's RConMessage and
 * the community clients listed in docs/compatibility.md):
 * - request  `{"Identifier": int, "Message": "command", "Name": "client name"}`
 * - response `{"Identifier": int, "Message": "text", "Type": "Generic" | "Warning" | "Error" | "Chat" | "Report", "Stacktrace": "..."}`
 * Identifier 0 and -1 are never used by requests: the server uses them for console lines and chat
 * it pushes on its own.
 */
export interface WebRconRequest {
  Identifier: number;
  Message: string;
  Name: string;
}

export interface WebRconResponse {
  Identifier: number;
  Message: string;
  Type: string;
  Stacktrace: string;
}

export const SERVER_IDENTIFIERS: readonly number[] = [0, -1];

/** Parses one WebSocket text message; undefined when it is not a WebRCON response. */
export function parseResponse(text: string): WebRconResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const identifier = Number(record.Identifier);
  if (!Number.isInteger(identifier) || typeof record.Message !== 'string') return undefined;
  return {
    Identifier: identifier,
    Message: record.Message,
    Type: typeof record.Type === 'string' ? record.Type : 'Generic',
    Stacktrace: typeof record.Stacktrace === 'string' ? record.Stacktrace : '',
  };
}

/** Rust's chat entry, sent as a JSON string in the Message of a `Type: "Chat"` response. */
interface ChatEntry {
  Channel?: number;
  Message?: string;
  Username?: string;
  UserId?: string | number;
}

const CHANNEL_NAMES: Record<number, string> = { 0: 'Chat', 1: 'Team', 2: 'Server', 3: 'Cards', 4: 'Local' };

/** A pushed response as a server message; chat JSON becomes `[Chat] Name: text`. */
export function toServerMessage(response: WebRconResponse, raw: string): RemoteMessage {
  const body = Buffer.from(raw, 'utf8');
  if (response.Type === 'Chat') {
    const chat = parseChat(response.Message);
    if (chat) {
      const label = CHANNEL_NAMES[chat.Channel ?? 0] ?? `Channel ${chat.Channel}`;
      const user = chat.Username ?? 'SERVER';
      const message = chat.Message ?? '';
      return {
        id: response.Identifier,
        type: 0,
        text: `[${label}] ${user}: ${message}`,
        body,
        chat: { user, message, channel: chat.Channel ?? 0 },
      };
    }
  }
  const trace = response.Stacktrace.trim() === '' ? '' : `\n${response.Stacktrace}`;
  return { id: response.Identifier, type: 0, text: response.Message + trace, body };
}

function parseChat(text: string): ChatEntry | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const entry = value as Record<string, unknown>;
    return {
      Channel: typeof entry.Channel === 'number' ? entry.Channel : undefined,
      Message: typeof entry.Message === 'string' ? entry.Message : undefined,
      Username: typeof entry.Username === 'string' ? entry.Username : undefined,
    };
  } catch {
    return undefined;
  }
}

/** The password travels in the URL path; this is the only place it is put there. */
export function webRconPath(password: string): string {
  return `/${encodeURIComponent(password)}`;
}
