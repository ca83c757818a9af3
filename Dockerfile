# syntax=docker/dockerfile:1
# The VNode Console image: Next.js standalone output on a slim Node image, run as a non-root user, writing only to
# mounted directories (/tmp, /app/.next/cache, the data dir), so it runs with a read-only root filesystem. No secret
# is baked in: credentials come from the environment at run time (see deploy/README.md and the Helm chart).
# Needs `output: "standalone"` in next.config.ts.
ARG NODE_IMAGE=node:20.19-bookworm-slim

# Dependencies, from the lock file only (cached until package.json or package-lock.json change).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# The production build: .next/standalone holds server.js and the traced node_modules it needs.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    VNODE_BUILD_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/next/dist/bin/next build \
 && test -f .next/standalone/server.js

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    HOME=/tmp \
    XDG_CONFIG_HOME=/var/lib/vnode-console \
    NEXT_MANUAL_SIG_HANDLE=1
# glibc maps blocks of 128 KiB and more on their own, unmapped when freed (scripts/server-node-flags.ts says why).
ENV MALLOC_MMAP_THRESHOLD_=131072
RUN groupadd --system --gid 10001 console \
 && useradd --system --uid 10001 --gid console --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin console \
 && mkdir -p /app/.next/cache /var/lib/vnode-console \
 && chown console:console /app/.next/cache /var/lib/vnode-console
# Owned by root and not writable by the console user: the application files cannot be changed at run time.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
USER 10001:10001
EXPOSE 3000
# V8's heap sized for a console rather than a throughput server, as npm start runs it (scripts/server-node-flags.ts
# says why): young generation 2 × 2 MiB, old generation grown to 1.5× its live size.
CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=50", "server.js"]
