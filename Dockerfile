# Image for running kubeward inside a cluster (deploy/node-job*.yaml) or in CI.
# Build: docker build -t ghcr.io/kubeward/kubeward:0.1.0 .
FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-alpine
WORKDIR /opt/kubeward
COPY package.json package-lock.json ./
# Runtime dependencies only; the build already happened in the first stage.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY bin ./bin
RUN ln -s /opt/kubeward/bin/kubeward.js /usr/local/bin/kubeward
USER 65532:65532
ENTRYPOINT ["kubeward"]
