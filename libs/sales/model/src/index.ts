export { ParamsError, readParams, type Params } from './params.ts';
export { readGateSettings } from './gate/gate-settings.ts';
export { salesMonitorDomain } from './monitor/sales-monitor.ts';
export { ENSEMBLE_FILE, HOLDOUT_FILE, MODEL_NAME, RECENT_ACTUALS_FILE } from './train/train-sales-model.ts';
