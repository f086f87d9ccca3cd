export { GamedigQuery } from './gamedig-query';
export { QueryBadAnswerError, QueryError, QueryNoAnswerError, QueryRequestError } from './errors';
export {
  DEFAULT_QUERY_TIMEOUT_MS,
  type QueriedPlayer,
  type QueryOptions,
  type QueryProtocol,
  type ServerInfo,
  type ServerQuery,
} from './types';
