/**
 * What reviewers read: results documents ({@code results.json}) and their interval logs
 * ({@code .hlog}) turned into a self-contained {@code index.html} with charts (JFreeChart, PNG
 * and SVG) and a {@code summary.md} for a pull request. Entry points: {@link
 * dev.livetalk.reports.ReportWriter} (from a run or from files) and {@link
 * dev.livetalk.reports.ReportCommand} ({@code livetalk report} without its parsing). {@link
 * dev.livetalk.reports.Merge} joins shards of one scenario and seed and shows several seeds as
 * a spread; {@link dev.livetalk.reports.Baseline} compares with an earlier run.
 */
package dev.livetalk.reports;
