/**
 * Reports of a NAB evaluation: a JSON report with every figure (for notebooks and CI), a Markdown
 * report for people, and PNG charts drawn with {@code java.awt} in headless mode (no charting
 * library).
 */
package io.augur.evaluation.nab.report;
