/** etcd v3 adapter (JSON gateway over HTTP); see etcd-adapter.ts. */
export { etcdAdapter, b64, decodeValue } from './etcd-adapter.js';
export type { EtcdAdapterOptions } from './etcd-adapter.js';
