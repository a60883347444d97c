# syntax=docker/dockerfile:1
# sales-web as a container: the release bundle the pipeline makes, baked into a small non-root image.
#   docker build -t cd4ml/sales-web .
#   docker run --rm -p 8080:8080 cd4ml/sales-web
# No Docker engine runs on the development machines of this project: pipelines/src/cluster-files.test.ts
# checks this file statically (stages, user, port, health check, the files the command starts).

# 1. The pipeline, up to the release bundle: data, model, gates, contracts, app bundle, release.
FROM node:20-bookworm AS release
WORKDIR /workspace
# onnxruntime-node's install script would download GPU binaries; its CPU build ships in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip NX_DAEMON=false NX_NO_CLOUD=true PACT_DO_NOT_TRACK=true CI=true
COPY package.json package-lock.json .npmrc ./
COPY libs/ libs/
COPY apps/ apps/
COPY pipelines/ pipelines/
COPY generators/ generators/
RUN npm ci --no-audit --no-fund
# The rest of the workspace: configuration, committed data manifests and registry, and .git, so the
# release manifest records the code commit.
COPY . .
RUN npx nx run sales-web:package --outputStyle=static \
 && mkdir -p /release \
 && cp -r "releases/$(node -p "require('./dist/release/sales-web/release.json').id")/." /release/

# 2. The runtime: Node and the release, nothing else (no npm packages outside the bundle, no tsx, no compiler).
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=release --chown=node:node /release/ /app/
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The prediction log goes to stdout (one JSON line per forecast) for the platform's log shipper.
CMD ["node", "app/main.js", "--model", "model", "--host", "0.0.0.0", "--port", "8080", "--actuals", "/data/actuals.jsonl"]
