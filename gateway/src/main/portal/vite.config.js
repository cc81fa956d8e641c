import { defineConfig } from 'vite';

// The portal is built into the gateway's classpath (META-INF/resources), which Quarkus serves as static files;
// `npm run build` runs from Maven (exec-maven-plugin) so the README's commands still build everything.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/portal/config.json': 'http://127.0.0.1:8080' },
  },
});
