/**
 * The docker backend's public API (see start-docker-cluster.ts for how the files relate).
 */
export { startDockerCluster, removeByRunLabel } from './start-docker-cluster.js';
export type { DockerClusterOptions } from './start-docker-cluster.js';
export { DockerCluster } from './docker-cluster.js';
export type { DockerNodeState } from './docker-cluster.js';
export { cleanDockerLeftovers, dockerLeftoverCleaner } from './clean-docker-leftovers.js';
export type { DockerCleanCounts, DockerCleanOptions } from './clean-docker-leftovers.js';
export { loadClusterSpec, validateClusterSpec, BUILTIN_SPECS } from './cluster-spec.js';
export type { ClusterSpec, ImageRecipe, ReadinessProbe } from './cluster-spec.js';
export { buildOfflineImage, offlineImageTag } from './build-offline-image.js';
export { buildBuiltinImages } from './build-builtin-images.js';
export { connectDocker } from './connect-docker.js';
export { RUN_LABEL } from './labels.js';
