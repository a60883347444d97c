export { assertGates, GateFailedError, gateNames, type GateName, type GateResult } from './gate-result.ts';
export { fairnessGates, type FairnessSettings } from './fairness-gates.ts';
export { parityGate } from './parity-gate.ts';
export { ratchetGate, type ChampionFigure } from './ratchet-gate.ts';
export { thresholdGates, type ThresholdSettings } from './threshold-gates.ts';
