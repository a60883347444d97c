export { PIPELINE_FILE, pipelineDefinitionSchema, type PipelineDefinition } from './config/pipeline-definition.ts';
export { PROJECT_CONFIG_FILE, projectConfigSchema, type ProjectConfig, type StageConfig } from './config/project-config.ts';
export { modelPaths, renderStage, type RenderedStage } from './config/render-stage.ts';
export { loadWorkspaceProjects, type WorkspaceProject } from './config/workspace-projects.ts';
export { runPipeline, stageRows, type StageRow } from './runner/run-pipeline.ts';
export { runSummarySchema, type RunSummary } from './nx-plugin/run-summary.ts';
