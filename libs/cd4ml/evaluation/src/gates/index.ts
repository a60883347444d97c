export { assertGates, compareGate, formatFigure, GateFailedError, gateNames, type GateName, type GateResult } from './gate-result.ts';
export { fairnessGates, type FairnessSettings } from './fairness-gates.ts';
export { gateSettingsSchema, MAX_PARITY_TOLERANCE, type GateSettings } from './gate-settings.ts';
export { modelGates, type GateInputs } from './model-gates.ts';
export { parityGate } from './parity-gate.ts';
export { ratchetGate, type ChampionFigure, type ChampionLookup } from './ratchet-gate.ts';
export { thresholdGates, type ThresholdSettings } from './threshold-gates.ts';
