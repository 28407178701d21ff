import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/docker/ needs a Docker engine (its own config), except pure.test.ts, which runs here.
    include: ['test/**/*.test.ts'],
    exclude: ['test/docker/**/!(pure).test.ts', 'node_modules/**'],
    // Safety nets only (tests wait for events): generous, for a loaded 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
