export { barChart, histogram, lineChart, scatterChart, type ChartOptions, type Series } from './charts.ts';
export { escapeHtml } from './escape-html.ts';
export { htmlReport, htmlTable, type ReportSection } from './html-report.ts';
