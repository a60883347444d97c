import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@cd4ml/fs';
import { MONITOR_HTML_FILE, MONITOR_REPORT_FILE, type MonitorReport } from '../monitor/monitor-report.ts';
import { monitorHtml } from './monitor-html.ts';

/** Writes `monitor-report.json` and `monitor-report.html` into `outDir`, each atomically. */
export async function writeMonitorReports(outDir: string, report: MonitorReport): Promise<{ json: string; html: string }> {
  const json = join(outDir, MONITOR_REPORT_FILE);
  const html = join(outDir, MONITOR_HTML_FILE);
  await writeJsonAtomic(json, report);
  await writeFileAtomic(html, monitorHtml(report));
  return { json, html };
}
