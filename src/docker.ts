/**
 * `faultline/docker`: the Docker backend for library users (it loads the Docker client, dockerode,
 * which the main entry never does): `dockerBackend` for `runTest`, `startDockerCluster` to drive a
 * cluster by hand, cluster specs, offline images and the clean-up of leftovers.
 */
export { dockerBackend, checkNemesesOn, connectDockerEngine, DOCKER_SETUP_HINT } from './runner/docker-backend.js';
export type { DockerBackend, DockerBackendOptions } from './runner/docker-backend.js';
export { startDockerCluster, DockerCluster, loadClusterSpec, validateClusterSpec, BUILTIN_SPECS, buildOfflineImage, cleanDockerLeftovers } from './cluster/docker/index.js';
export type { ClusterSpec, DockerClusterOptions, DockerNodeState } from './cluster/docker/index.js';
