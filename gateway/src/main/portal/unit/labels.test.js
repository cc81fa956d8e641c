import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber } from '../src/labels.js';

// The portal writes numbers without Intl where it can (src/labels.js); these prove it writes exactly what Intl would.
const intl = new Intl.NumberFormat('it-IT');

test('counts and rates are written as Intl.NumberFormat it-IT writes them', () => {
  const values = [
    0, -0, 1, 7, 42, 999, 1000, 1234, 9999, 10000, 12345, 99999, 100000, 141331, 1000000, 4029053, -5, -1234, -12345,
  ];
  values.push(
    0.5,
    1.25,
    3.125,
    0.001,
    12.3,
    1234.5,
    12345.678,
    -0.75,
    2.1,
    0.1 + 0.2,
    1 / 3,
    2 / 3,
    1e21,
    1e-7,
    123456789.123,
  );
  for (let i = 0; i < 5000; i++) {
    values.push(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
    values.push(Math.round(Math.random() * 10 ** (i % 8) * 1000) / 10 ** (i % 4));
    values.push(-Math.random() * 10 ** (i % 9));
  }
  for (const value of values) assert.equal(formatNumber(value), intl.format(value), `${value}`);
});

test('no number is written as a dash, nothing is', () => {
  assert.equal(formatNumber(null), '—');
  assert.equal(formatNumber(undefined), '—');
});
