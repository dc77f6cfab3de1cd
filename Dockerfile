# syntax=docker/dockerfile:1
# Switchboard: one image for every replica (docs/scaling.md). The app runs its TypeScript
# directly with tsx (as `npm start` does); migrations are applied in-process at start, under an
# advisory lock, so replicas starting together are safe.

# ── build: install exactly the lockfile and generate both Prisma clients ──
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# `npm ci` runs the postinstall, `prisma generate` for SQLite and PostgreSQL: it needs the schemas
# and their configs, and nothing from the network beyond the npm registry (JS engine, no
# engine download).
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
# devDependencies (rimraf for botbuilder's postinstall, typescript, vitest…) were only for the build.
RUN npm prune --omit=dev

# ── run ──
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3978
# Ready = database reachable and migrated, the app started (GET /readyz; Redis is reported there
# but its absence only slows wake-ups down, see docs/scaling.md). No curl in the slim image: Node
# does the request.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains in-flight work (HTTP requests, the adapters' queues, the outbox and timer
# batches) and exits; give it the stop grace period the compose file sets (30 s).
STOPSIGNAL SIGTERM
# node itself (not npm or the tsx CLI) is PID 1, so it receives SIGTERM directly.
CMD ["node", "--import", "tsx", "app/main.ts", "--no-shell"]
