/*
 * The dashboard's script: draws the package page's charts with Chart.js (served from the webjar, never a CDN), and
 * keeps today's numbers and the hourly charts current from the live stream. Every page works without it: the numbers
 * are in the page, and each chart's numbers are in the table under it.
 *
 * Charts come from <script type="application/json" id="dashboard-data">, written by DashboardController:
 *   {"package": "...", "mirrors": false, "labels": ["YYYY-MM-DD", ...],
 *    "charts": [{"id", "title", "type": "line"|"bar", "stacked", "datasets": [{"label", "data": [n, ...], "other": bool}],
 *                "labels": ["YYYY-MM-DD HH:MM", ...], "share": bool, "versions": n}]}
 * Daily charts have a value per day of "labels"; the hourly charts ("hourly", "adoption") have labels of their own,
 * UTC hours. "share" charts are drawn as each dataset's share of the hour ("versions": how many versions they chart
 * one by one). Each chart goes into <canvas id="chart-<id>">.
 *
 * The live stream comes from <script type="application/json" id="live-data">: {"stream": "/api/live?...",
 * "mirrors": bool}. Its "downloads" events are the state described in docs/api.md; each one is applied whole.
 */
(function () {
    'use strict';

    var HOUR = 3600 * 1000;
    // Tableau 10, distinguishable for most colour vision deficiencies; "all others" is always grey.
    var palette = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#9c755f',
        '#ff9da7'];
    var otherColour = '#bab0ac';
    var numbers = new Intl.NumberFormat('en');
    var shares = new Intl.NumberFormat('en', {maximumFractionDigits: 1});
    var charts = {};

    drawCharts();
    followLive();

    function drawCharts() {
        var source = document.getElementById('dashboard-data');
        if (!source || typeof Chart === 'undefined') {
            return;
        }
        var page = JSON.parse(source.textContent);

        Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
        Chart.defaults.color = '#333';
        Chart.defaults.animation = false;

        page.charts.forEach(function (spec) {
            var canvas = document.getElementById('chart-' + spec.id);
            if (!canvas || spec.datasets.length === 0) {
                return;
            }
            var labels = (spec.labels || page.labels).slice();
            var line = spec.type === 'line';
            var datasets = spec.datasets.map(function (dataset) {
                return {
                    label: dataset.label,
                    data: dataset.data,
                    // Share charts draw percentages; the downloads stay here, for the tooltip and live updates.
                    counts: spec.share ? dataset.data.slice() : undefined,
                    other: dataset.other,
                    borderWidth: line ? 2 : 0,
                    fill: line,
                    pointRadius: line && labels.length <= 62 ? 2 : 0,
                    tension: 0.2
                };
            });
            var data = {labels: labels, datasets: datasets};
            var xTicks = {maxRotation: 0, autoSkipPadding: 12};
            if (spec.labels) {
                xTicks.callback = hourTick;
            }
            if (spec.share) {
                recomputeShares({data: data});
            }
            colour(datasets, line);
            var chart = new Chart(canvas, {
                type: spec.type,
                data: data,
                options: {
                    responsive: true,
                    maintainAspectRatio: false,
                    interaction: {mode: 'index', intersect: false},
                    scales: {
                        x: {stacked: spec.stacked, ticks: xTicks, grid: {display: false}},
                        y: spec.share
                            ? {stacked: true, beginAtZero: true, max: 100, ticks: {callback: function (value) {
                                return value + ' %';
                            }}}
                            : {stacked: spec.stacked, beginAtZero: true, ticks: {precision: 0}}
                    },
                    plugins: {
                        legend: {display: spec.datasets.length > 1, position: 'bottom', labels: {boxWidth: 12}},
                        tooltip: {
                            callbacks: {
                                label: function (item) {
                                    if (spec.share) {
                                        var count = item.dataset.counts[item.dataIndex];
                                        return item.dataset.label + ': ' + shares.format(item.parsed.y || 0)
                                            + ' % (' + numbers.format(count || 0) + ')';
                                    }
                                    return item.dataset.label + ': ' + numbers.format(item.parsed.y);
                                }
                            }
                        }
                    }
                }
            });
            chart.$spec = spec;
            chart.$hours = labels.length;
            charts[spec.id] = chart;
        });
    }

    /** "2026-11-26 16:00" as "16:00", and midnight as the day ("11-26"). */
    function hourTick(value) {
        var label = this.getLabelForValue(value);
        return label.slice(11) === '00:00' ? label.slice(5, 10) : label.slice(11);
    }

    function colour(datasets, line) {
        var index = 0;
        datasets.forEach(function (dataset) {
            var c = dataset.other ? otherColour : palette[index++ % palette.length];
            dataset.borderColor = c;
            dataset.backgroundColor = line ? c + '33' : c;
        });
    }

    function followLive() {
        var source = document.getElementById('live-data');
        if (!source || typeof EventSource === 'undefined') {
            return;
        }
        var live = JSON.parse(source.textContent);
        var status = document.getElementById('live-status');
        var wait = 5;
        connect();

        function connect() {
            var stream = new EventSource(live.stream);
            stream.addEventListener('open', function () {
                wait = 5;
                say('Live: the numbers update as downloads arrive.', 'open');
            });
            stream.addEventListener('downloads', function (message) {
                apply(live, JSON.parse(message.data));
            });
            stream.addEventListener('error', function () {
                if (stream.readyState === EventSource.CLOSED) {
                    // Refused (too many streams from this address, server busy): browsers do not retry that by
                    // themselves. Streams of pages left a moment ago are freed within seconds, so try again soon.
                    say('Live updates paused; trying again in ' + wait + ' seconds.', 'paused');
                    setTimeout(connect, wait * 1000);
                    wait = Math.min(wait * 2, 120);
                }
                else {
                    say('Live updates interrupted; reconnecting…', 'reconnecting');
                }
            });
        }

        function say(text, state) {
            if (status && status.textContent !== text) {
                status.hidden = false;
                status.textContent = text;
                status.dataset.state = state;
            }
        }
    }

    function apply(live, state) {
        setNumber('today-with-mirrors', state.today.with_mirrors);
        setNumber('today-without-mirrors', state.today.without_mirrors);
        var mode = live.mirrors ? 'with_mirrors' : 'without_mirrors';
        setNumber('today-so-far', state.today[mode]);
        setNumber('this-hour', state.this_hour[mode]);
        var hourStart = document.getElementById('this-hour-start');
        if (hourStart) {
            hourStart.dateTime = state.hour;
            hourStart.textContent = state.hour.slice(11, 16);
        }
        var hourly = charts.hourly;
        if (hourly) {
            var first = Date.parse(state.hours.first);
            hourly.data.labels = state.hours[mode].map(function (n, i) {
                return hourLabel(first + i * HOUR);
            });
            hourly.data.datasets[0].data = state.hours[mode].slice();
            hourly.update('none');
        }
        if (charts.adoption && state.versions) {
            updateAdoption(charts.adoption, state);
        }
    }

    function setNumber(id, n) {
        var element = document.getElementById(id);
        if (!element || element.value === String(n)) {
            return;
        }
        element.value = String(n);
        element.textContent = numbers.format(n);
        // Restart the highlight that shows the number just changed.
        element.classList.remove('ticked');
        void element.offsetWidth;
        element.classList.add('ticked');
    }

    function hourLabel(millis) {
        var iso = new Date(millis).toISOString();
        return iso.slice(0, 10) + ' ' + iso.slice(11, 16);
    }

    function labelMillis(label) {
        return Date.parse(label.replace(' ', 'T') + ':00Z');
    }

    /**
     * Replaces the hours the event has (the current one and the one before) with its counts, adding a new hour at
     * the end and dropping the oldest. The chart keeps the versions it was drawn with; a version newer than all of
     * them joins, and the oldest then moves to "older versions". Every other version's downloads are the hour's
     * total without mirrors minus those of the charted versions.
     */
    function updateAdoption(chart, state) {
        var versions = state.versions;
        var totals = {};
        var first = Date.parse(state.hours.first);
        state.hours.without_mirrors.forEach(function (n, i) {
            totals[hourLabel(first + i * HOUR)] = n;
        });
        addNewerVersions(chart, versions.names);
        var versionsFirst = Date.parse(versions.first);
        versions.downloads.forEach(function (row, k) {
            var label = hourLabel(versionsFirst + k * HOUR);
            var labels = chart.data.labels;
            var index = labels.indexOf(label);
            if (index < 0) {
                if (labels.length > 0 && label < labels[labels.length - 1]) {
                    return;
                }
                index = appendHour(chart, label);
            }
            var charted = 0;
            chart.data.datasets.forEach(function (dataset) {
                if (!dataset.other) {
                    var j = versions.names.indexOf(dataset.label);
                    dataset.counts[index] = j < 0 ? 0 : row[j];
                    charted += dataset.counts[index];
                }
            });
            var total = label in totals ? totals[label] : row.reduce(function (a, b) {
                return a + b;
            }, 0);
            var older = olderVersions(chart, total > charted);
            if (older) {
                older.counts[index] = Math.max(0, total - charted);
            }
        });
        recomputeShares(chart);
        colour(chart.data.datasets, false);
        chart.update('none');
    }

    /** Versions listed before the newest charted one are newer: a release since the page was drawn. */
    function addNewerVersions(chart, names) {
        var datasets = chart.data.datasets;
        var charted = datasets.filter(function (d) {
            return !d.other;
        });
        var newest = charted.length > 0 ? names.indexOf(charted[0].label) : -1;
        if (newest <= 0) {
            return;
        }
        var known = charted.map(function (d) {
            return d.label;
        });
        names.slice(0, newest).reverse().forEach(function (name) {
            if (known.indexOf(name) < 0) {
                datasets.unshift({label: name, data: [], counts: chart.data.labels.map(function () {
                    return 0;
                }), other: false, borderWidth: 0});
            }
        });
        var limit = chart.$spec.versions;
        while (datasets.filter(function (d) {
            return !d.other;
        }).length > limit) {
            var oldest = datasets.filter(function (d) {
                return !d.other;
            }).pop();
            var older = olderVersions(chart, true);
            oldest.counts.forEach(function (n, i) {
                if (n !== null) {
                    older.counts[i] = (older.counts[i] || 0) + n;
                }
            });
            datasets.splice(datasets.indexOf(oldest), 1);
        }
    }

    /** The "older versions" dataset; made when {@code needed} and missing. */
    function olderVersions(chart, needed) {
        var datasets = chart.data.datasets;
        for (var i = 0; i < datasets.length; i++) {
            if (datasets[i].other) {
                return datasets[i];
            }
        }
        if (!needed) {
            return null;
        }
        var older = {label: 'Older versions', data: [], counts: chart.data.labels.map(function () {
            return 0;
        }), other: true, borderWidth: 0};
        datasets.push(older);
        return older;
    }

    /** Adds hours up to {@code label} (hours the page never heard of stay empty), keeping the chart's length. */
    function appendHour(chart, label) {
        var labels = chart.data.labels;
        var target = labelMillis(label);
        var next = labels.length > 0 ? labelMillis(labels[labels.length - 1]) + HOUR : target;
        for (; next <= target; next += HOUR) {
            labels.push(hourLabel(next));
            chart.data.datasets.forEach(function (dataset) {
                dataset.counts.push(next === target ? 0 : null);
            });
        }
        var extra = labels.length - chart.$hours;
        if (extra > 0) {
            labels.splice(0, extra);
            chart.data.datasets.forEach(function (dataset) {
                dataset.counts.splice(0, extra);
            });
        }
        return labels.length - 1;
    }

    function recomputeShares(chart) {
        var datasets = chart.data.datasets;
        chart.data.labels.forEach(function (label, i) {
            var total = 0;
            datasets.forEach(function (dataset) {
                total += dataset.counts[i] || 0;
            });
            datasets.forEach(function (dataset) {
                var n = dataset.counts[i];
                dataset.data[i] = n === null ? null : total > 0 ? n * 100 / total : 0;
            });
        });
        datasets.forEach(function (dataset) {
            dataset.data.length = chart.data.labels.length;
        });
    }
}());
