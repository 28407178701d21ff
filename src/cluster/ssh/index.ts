/** src/cluster/ssh: the ssh backend (Jepsen's control-node model); see docs/ssh.md. */
export { loadInventory, resolveInventory, type Inventory, type SshNode } from './inventory.js';
export { connectAll, connectNode, SshConnection } from './ssh-connection.js';
export { loadSshSpec, BUILTIN_SSH_SPECS, type SshSpec } from './ssh-spec.js';
export { startSshCluster, type SshClusterOptions } from './start-ssh-cluster.js';
export { SshCluster, cleanupNodes } from './ssh-cluster.js';
