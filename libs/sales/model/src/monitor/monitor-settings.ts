import { readYamlFile } from '@cd4ml/fs';
import { monitorSettingsSchema, type MonitorSettings } from '@cd4ml/monitoring';

/**
 * Reads `monitoring.yaml`, the monitor's window and the bars of its alerts, and checks it when read:
 * a `FileError` (`FILE_INVALID`) names the file and lists every bad field at once.
 *
 * @example const settings = await readMonitorSettings('libs/sales/model/monitoring.yaml')
 */
export function readMonitorSettings(path: string): Promise<MonitorSettings> {
  return readYamlFile(path, monitorSettingsSchema, { what: 'monitoring settings file' });
}
