import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // test/docker/ needs a Docker engine (its own config), except pure.test.ts, which runs here.
    include: ['test/**/*.test.ts'],
    exclude: ['test/docker/**/!(pure).test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
