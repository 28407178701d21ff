import { defineConfig } from 'vitest/config';

// The docker suite: needs a Docker engine and the host packages (.ci/docker-setup.sh). Files run
// one at a time (each starts containers; the machines have 2 cores). Run:
//   npx vitest run --config test/docker/vitest.config.ts
export default defineConfig({
  test: {
    include: ['test/docker/**/*.test.ts'],
    // pure.test.ts needs no Docker: the main suite (npm test) runs it, so it is not run twice.
    exclude: ['test/docker/pure.test.ts', 'node_modules/**'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
