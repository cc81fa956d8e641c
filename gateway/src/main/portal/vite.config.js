import { defineConfig } from 'vite';
import { purgeCSSPlugin } from '@fullhuman/postcss-purgecss';

// The portal is built into the gateway's classpath (META-INF/resources), which Quarkus serves as static files;
// `npm run build` runs from Maven (exec-maven-plugin) so the README's commands still build everything.
export default defineConfig({
  base: '/',
  css: {
    postcss: {
      // Bootstrap Italia's stylesheet is 569 kB, of which the portal uses a few percent: PurgeCSS keeps the rules whose
      // classes, ids and elements appear in our sources (docs/portal.md). Class names must therefore be written whole
      // in the sources (`'alert-warning'`, never `'alert-' + kind`). Its unused @font-face rules go too (one is an
      // icon font inlined as data:, which the page's policy refuses).
      plugins: [
        purgeCSSPlugin({
          content: ['./index.html', './src/**/*.js'],
          fontFace: true,
          keyframes: true,
          variables: true,
          safelist: { standard: [/^h[1-6]$/, 'show'], greedy: [/^:root/] },
        }),
      ],
    },
  },
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    // The synthesis page's chunk carries Chart.js; no other chunk is near this.
    chunkSizeWarningLimit: 250,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/portal/config.json': 'http://127.0.0.1:8080' },
  },
});
