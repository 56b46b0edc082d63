/*
 * Draws the package page's charts with Chart.js (served from the webjar, never a CDN). The data comes from the
 * page itself: <script type="application/json" id="dashboard-data">, written by DashboardController:
 *   {"package": "...", "mirrors": false, "labels": ["YYYY-MM-DD", ...],
 *    "charts": [{"id", "title", "type": "line"|"bar", "stacked", "datasets": [{"label", "data": [n, ...], "other": bool}]}]}
 * Every chart has a value per day of "labels".
 * Each chart goes into <canvas id="chart-<id>">; the same numbers are in the table under it, so nothing is lost
 * without JavaScript.
 */
(function () {
    'use strict';

    var source = document.getElementById('dashboard-data');
    if (!source || typeof Chart === 'undefined') {
        return;
    }
    var page = JSON.parse(source.textContent);

    // Tableau 10, distinguishable for most colour vision deficiencies; "all others" is always grey.
    var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#9c755f',
        '#ff9da7'];
    var otherColour = '#bab0ac';
    var numbers = new Intl.NumberFormat('en');

    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#333';
    Chart.defaults.animation = false;

    page.charts.forEach(function (spec) {
        var canvas = document.getElementById('chart-' + spec.id);
        if (!canvas || spec.datasets.length === 0) {
            return;
        }
        var line = spec.type === 'line';
        var colourIndex = 0;
        var datasets = spec.datasets.map(function (dataset) {
            var colour = dataset.other ? otherColour : palette[colourIndex++ % palette.length];
            return {
                label: dataset.label,
                data: dataset.data,
                borderColor: colour,
                backgroundColor: line ? colour + '33' : colour,
                borderWidth: line ? 2 : 0,
                fill: line,
                pointRadius: line && page.labels.length <= 62 ? 2 : 0,
                tension: 0.2
            };
        });
        new Chart(canvas, {
            type: spec.type,
            data: {labels: page.labels.slice(), datasets: datasets},
            options: {
                responsive: true,
                maintainAspectRatio: false,
                interaction: {mode: 'index', intersect: false},
                scales: {
                    x: {stacked: spec.stacked, ticks: {maxRotation: 0, autoSkipPadding: 12}, grid: {display: false}},
                    y: {stacked: spec.stacked, beginAtZero: true, ticks: {precision: 0}}
                },
                plugins: {
                    legend: {display: spec.datasets.length > 1, position: 'bottom', labels: {boxWidth: 12}},
                    tooltip: {
                        callbacks: {
                            label: function (item) {
                                return item.dataset.label + ': ' + numbers.format(item.parsed.y);
                            }
                        }
                    }
                }
            }
        });
    });
}());
