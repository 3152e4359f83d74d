# syntax=docker/dockerfile:1
# Ringkas: build with the dev dependencies, run with the production ones only, as the unprivileged `node` user.
#   docker compose up          (compose.yaml: the bot and PostgreSQL; see docs/deployment.md)
# Every RUN uses paths relative to WORKDIR: scripts/dockerfile-run.ts replays these steps in CI, where no Docker runs.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
# better-sqlite3 compiles here when no prebuilt binary fits (python3, make and g++ are in this image, not in the runtime one)
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/
COPY src src
COPY commands commands
COPY discord-emulator discord-emulator
COPY seeds seeds
RUN npm run build \
    && npm prune --omit=dev --no-audit --no-fund \
    && mkdir -p state/data state/corpus \
    && cp -R seeds/. state/corpus/

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/var/lib/ringkas/data \
    CORPUS_DIR=/var/lib/ringkas/corpus
WORKDIR /app
# The application stays root-owned (read-only to the bot); only its two folders are the bot's.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build --chown=node:node /app/state /var/lib/ringkas
USER node
VOLUME ["/var/lib/ringkas/data", "/var/lib/ringkas/corpus"]
# /healthz when HTTP_PORT is set (compose.yaml sets 8080); healthy by definition without it
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["node", "dist/src/ops/healthcheck.js"]
# a young generation of 64 MiB: at 249k articles each scavenge costs ~20 ms whatever its size, so fewer of them
# (bench: GC during 1,000 /quotes answers 3.1 s -> 1.1 s); clusters inherit it
ENV NODE_OPTIONS="--max-semi-space-size=64"
# malloc asks for transparent huge pages: a restart fills a few hundred MB of fresh buffers and strings, and a page
# fault per 4 KiB cost it seconds (bench: restart to ready at 249k articles 16.6 -> 13.9 s, same peak RSS)
ENV GLIBC_TUNABLES=glibc.malloc.hugetlb=1
CMD ["node", "dist/src/main.js"]
