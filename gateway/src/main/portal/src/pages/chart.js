import { useEffect, useRef } from 'preact/hooks';
import { html } from '../html.js';
import { formatNumber } from '../labels.js';

// Chart.js (about 170 kB, 60-70 ms of module evaluation on a phone) is loaded when the first chart comes near the
// screen, not with the page: the figures, the headings and the tables render without it.
let chartJs = null;
function loadChartJs() {
  chartJs ??= import('chart.js').then(
    ({ BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip }) => {
      Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
      return Chart;
    },
  );
  return chartJs;
}

const COLOURS = ['#0066cc', '#008055', '#a66300', '#5c2f91'];

/**
 * A bar chart (Chart.js on a canvas) with its figures repeated in a table, which is what screen readers and
 * keyboard users read: the canvas itself is presented as one image with a summary.
 */
export function BarChart({ id, title, labels, series }) {
  const canvas = useRef(null);
  useEffect(() => {
    // Drawing a chart is a long task (Lighthouse counted 200-460 ms of blocking time on the synthesis page with four
    // drawn at once): each one is drawn in a task of its own, when its canvas comes near the screen. The figures are
    // in the table below it from the start.
    const config = {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        locale: 'it-IT',
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    let chart = null;
    let gone = false;
    const draw = () =>
      loadChartJs().then((Chart) => {
        if (!gone) chart ??= new Chart(canvas.current, config);
      });
    const stop = () => {
      gone = true;
      chart?.destroy();
    };
    if (typeof IntersectionObserver === 'undefined') {
      draw();
      return stop;
    }
    let timer = null;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          timer = setTimeout(draw, 0);
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(canvas.current);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
      stop();
    };
  }, [JSON.stringify(labels), JSON.stringify(series)]);
  const summary = `${title}: ${labels.map((l, i) => `${l} ${series[0]?.values[i] ?? 0}`).join(', ')}`;
  const height = Math.max(240, labels.length * 34);
  return html`<figure class="mb-4 laid-out-when-near" style=${{ '--expected-height': `${height + 90}px` }}>
    <figcaption class="h6">${title}</figcaption>
    <div class="chart-box" style=${{ height: `${height}px` }}>
      <canvas ref=${canvas} id=${id} role="img" aria-label=${summary}></canvas>
    </div>
    <details class="mt-2"><summary>Dati del grafico in tabella</summary>
      <div class="table-wrapper"><table class="table table-sm mt-2">
        <caption class="visually-hidden">${title}</caption>
        <thead><tr><th scope="col">Voce</th>${series.map((s) => html`<th scope="col" class="text-end">${s.label}</th>`)}</tr></thead>
        <tbody>${labels.map(
          (l, i) => html`<tr><th scope="row" class="fw-normal">${l}</th>
          ${series.map((s) => html`<td class="text-end">${formatNumber(s.values[i])}</td>`)}</tr>`,
        )}</tbody>
      </table></div>
    </details>
  </figure>`;
}
