import { gateSettingsSchema, type GateSettings } from '@cd4ml/evaluation';
import { readYamlFile } from '@cd4ml/fs';

/**
 * Reads `gates.yaml`, the bars the gate stage judges a model by, and checks it when read: a
 * `FileError` (`FILE_INVALID`) names the file and lists every bad field at once.
 *
 * @example const settings = await readGateSettings('libs/sales/model/gates.yaml')
 */
export function readGateSettings(path: string): Promise<GateSettings> {
  return readYamlFile(path, gateSettingsSchema, { what: 'gate settings file' });
}
