export { defineSimulation, type ChangeDefinition, type RetrainContext, type SimulationContext, type SimulationDefinition, type SimulationOption } from './simulate/simulation-definition.ts';
