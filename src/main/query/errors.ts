import type { QueryProtocol } from './types';

/** A query that failed; `code` is stable for programs (the CLI maps it to an exit status). */
export abstract class QueryError extends Error {
  abstract readonly code: 'no-answer' | 'bad-answer' | 'bad-request';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

function transport(protocol: QueryProtocol): string {
  return protocol === 'minecraft' ? 'TCP' : 'UDP';
}

/** Nothing came back in time: the server is down, or the query port is wrong or filtered. */
export class QueryNoAnswerError extends QueryError {
  readonly code = 'no-answer';

  constructor(
    readonly protocol: QueryProtocol,
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(
      `The server did not answer the query on ${transport(protocol)} port ${port}; is the query port right?`,
      options,
    );
  }
}

/** Something answered, but not with a query answer this client could read. */
export class QueryBadAnswerError extends QueryError {
  readonly code = 'bad-answer';

  constructor(
    readonly protocol: QueryProtocol,
    readonly port: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The answer on ${transport(protocol)} port ${port} is not a readable ${protocol === 'a2s' ? 'Source (A2S)' : 'Minecraft'} query answer (${detail}).`,
      options,
    );
  }
}

/** The request itself is wrong (a port out of range, an empty host); nothing was sent. */
export class QueryRequestError extends QueryError {
  readonly code = 'bad-request';
}
