/**
 * Charts for reports, drawn with Java2D into PNG files (headless). {@link io.augur.chart.TimeChart}
 * draws time ranges, bars, value lines and markers over wall-clock time.
 */
package io.augur.chart;
