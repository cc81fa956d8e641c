import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './portal.css';
import { render } from 'preact';
import { App } from './app.js';
import { restoreSession } from './auth.js';
import { html } from './html.js';

restoreSession()
  .catch((error) => console.warn('Sessione non ripristinata', error))
  .finally(() => {
    const root = document.getElementById('app');
    root.textContent = '';
    render(html`<${App} />`, root);
  });
