import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './portal.css';
import { render } from 'preact';
import { App, loadPage } from './app.js';
import { restoreSession } from './auth.js';
import { html } from './html.js';
import { parse, redirectHashRoute } from './router.js';

redirectHashRoute();
// The page's chunk loads while the session is restored, not after.
const firstPage = loadPage(parse(location.pathname + location.search).name).catch(() => null);

restoreSession()
  .catch((error) => console.warn('Sessione non ripristinata', error))
  .finally(async () => {
    await firstPage;
    const root = document.getElementById('app');
    root.textContent = '';
    render(html`<${App} />`, root);
  });
