/**
 * The page's own script (plain browser JavaScript, kept as a string so it is inlined verbatim): reads the
 * chart specifications from the JSON block and draws them with the inlined Chart.js. Animations are off so
 * a chart is complete as soon as it is created (print, screenshots). When done it sets
 * `<html data-charts-rendered="N">`, which tests wait for.
 */
export const CLIENT_SCRIPT = `(function () {
  'use strict';
  var COLORS = { baseline: '#0072B2', current: '#D55E00' };
  var FILLS = { baseline: 'rgba(0, 114, 178, 0.55)', current: 'rgba(213, 94, 0, 0.55)' };
  var dataElement = document.getElementById('sightline-report-data');
  if (!dataElement || typeof Chart === 'undefined') return;
  var specs = JSON.parse(dataElement.textContent || '{}').charts || [];
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.color = '#1f2933';
  function formatTick(format) {
    return function (value) {
      if (format === 'share') return (Math.round(value * 1000) / 10) + '%';
      return Math.abs(value) >= 1000 ? Number(value).toLocaleString('en-US') : String(Number(Number(value).toPrecision(3)));
    };
  }
  function tooltipLabel(format) {
    return function (context) {
      var value = context.parsed.y;
      var text = value === null ? 'no data' : format === 'share' ? (value * 100).toFixed(1) + '%' : String(Number(value.toPrecision(4)));
      return context.dataset.label + ': ' + text;
    };
  }
  var charts = [];
  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) return;
    var datasets = spec.series.map(function (series) {
      return {
        label: series.label,
        data: series.values,
        backgroundColor: spec.type === 'line' ? COLORS[series.role] : FILLS[series.role],
        borderColor: COLORS[series.role],
        borderWidth: spec.type === 'line' ? 2 : 1,
        borderDash: spec.type === 'line' && series.role === 'current' ? [6, 3] : [],
        pointRadius: spec.type === 'line' ? 2 : 0,
        pointStyle: series.role === 'current' ? 'rectRot' : 'circle',
        spanGaps: false,
        skipNull: true
      };
    });
    charts.push(new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: spec.type === 'line', boxWidth: 14 } },
          tooltip: { callbacks: { label: tooltipLabel(spec.yFormat) } }
        },
        scales: {
          x: { title: { display: true, text: spec.xTitle }, ticks: { maxRotation: 60, autoSkip: true } },
          y: { beginAtZero: true, title: { display: true, text: spec.yTitle }, ticks: { callback: formatTick(spec.yFormat) } }
        }
      }
    }));
  });
  window.addEventListener('beforeprint', function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
  document.documentElement.setAttribute('data-charts-rendered', String(charts.length));
})();
`;
