/** Redis adapter (primary/replicas behind Sentinel, RESP over TCP); see redis-adapter.ts and resp-connection.ts. */
export { redisAdapter, askSentinel, decodeRead, READ_SCRIPT, CAS_SCRIPT } from './redis-adapter.js';
export type { RedisAdapterOptions } from './redis-adapter.js';
export { RespConnection, RespError, RespFailure, encodeCommand, parseReply } from './resp-connection.js';
export type { RespValue } from './resp-connection.js';
