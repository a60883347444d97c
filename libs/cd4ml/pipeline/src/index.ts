export { PIPELINE_FILE, pipelineDefinitionSchema, type PipelineDefinition } from './config/pipeline-definition.ts';
export { releaseDeclarationSchema, smokeDeclarationSchema, type ReleaseDeclaration, type SmokeDeclaration, type SmokeDeclarationInput } from './config/operations-declarations.ts';
export { PROJECT_CONFIG_FILE, projectConfigSchema, type ProjectConfig, type Stage, type StageConfig } from './config/project-config.ts';
export { formatTargetRef, parseTargetRef, type TargetRef } from './config/target-ref.ts';
export { modelPaths, renderStage, type RenderedStage } from './config/render-stage.ts';
export { loadProject, loadWorkspaceProjects, type EffectiveConfig, type WorkspaceProject } from './config/workspace-projects.ts';
export { runPipeline, stageRows, type StageRow } from './runner/run-pipeline.ts';
export { runSummarySchema, type RunSummary } from './nx-plugin/run-summary.ts';
