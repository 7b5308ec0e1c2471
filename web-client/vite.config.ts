import { defineConfig } from 'vitest/config';

// The node that serves this app in development (bin/telecare start listens on 8080).
const devNode = process.env.TELECARE_DEV_NODE ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  build: {
    // Maven packages target/classes into telecare-web-client.jar; the node serves
    // the classpath folder webroot/ at "/".
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/health': devNode,
      '/api': devNode,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
