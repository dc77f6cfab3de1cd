# syntax=docker/dockerfile:1
# Switchboard: one image for every replica (docs/scaling.md). The build stage compiles the
# TypeScript to dist/; the image that runs carries dist/, the production dependencies and the
# files the code reads (demo data, migrations). Migrations are applied in-process at start, under
# an advisory lock, so replicas starting together are safe.

# ── build: install exactly the lockfile, generate both Prisma clients, compile ──
# The current LTS line. Node 26 builds better-sqlite3 against its own headers without trouble (on
# Node 24 see scripts/test-on-lts.sh); build and run stages must use the same Node.
FROM node:26-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# `npm ci` runs the postinstall (scripts/postinstall.mjs: `prisma generate` for SQLite and
# PostgreSQL), which needs the schemas and their configs.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# ── run ──
FROM node:26-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
# Owned by root (COPY's default) and run as `node`: the process cannot change its own code.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/demo ./demo
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/prisma/postgres/migrations ./prisma/postgres/migrations
# `npm run import|kb|audit…` inside the container run dist/ through it (nothing to rebuild here).
COPY --from=build /app/scripts/build.mjs ./scripts/build.mjs
# data/ is the one folder the app writes (SQLite, the shell's log); the product catalog and the
# knowledge folder are mounted read-only (CATALOG_FILE, KNOWLEDGE_DIR).
RUN mkdir -p /app/data /catalog /knowledge && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3978
# Ready = database reachable and migrated, the app started (GET /readyz). No curl in the slim
# image: Node does the request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains in-flight work (HTTP requests, the adapters' queues, the outbox and timer
# batches) and exits 0; give it the stop grace period the compose file sets (30 s).
STOPSIGNAL SIGTERM
# node itself is PID 1 (no npm, no shell), so it receives SIGTERM directly; compiled JavaScript
# needs no writable temporary folder, so a read-only root filesystem works.
CMD ["node", "dist/app/main.js", "--no-shell"]
