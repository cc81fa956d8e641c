import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importedOrigin } from '../src/labels.js';

// An imported proposal's page links its original (docs/decidim.md), and only over http(s).
test('a proposal that was not imported has no origin to show', () => {
  assert.equal(importedOrigin(null), null);
  assert.equal(importedOrigin(undefined), null);
});

test("a Decidim proposal names the platform and links the original's address", () => {
  const origin = importedOrigin({
    origin: 'DECIDIM',
    originalUrl: 'https://partecipazione.regione.puglia.it/processes/prps/f/12/proposals/345',
    comments: 4,
  });
  assert.deepEqual(origin, {
    platform: 'Decidim',
    href: 'https://partecipazione.regione.puglia.it/processes/prps/f/12/proposals/345',
    comments: 4,
  });
});

test('an address that is not http(s) or not an address at all is never made a link', () => {
  for (const originalUrl of [
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'vbscript:x',
    '//evil',
    'not a url',
    '',
    null,
  ]) {
    assert.equal(importedOrigin({ origin: 'DECIDIM', originalUrl, comments: 0 }).href, null, String(originalUrl));
  }
});

test('an origin the portal does not know is shown by its code', () => {
  assert.equal(importedOrigin({ origin: 'CONSUL', originalUrl: 'https://example.org/p/1' }).platform, 'CONSUL');
  assert.equal(importedOrigin({ origin: 'CONSUL', originalUrl: 'https://example.org/p/1' }).comments, 0);
});
