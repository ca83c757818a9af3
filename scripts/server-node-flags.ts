/**
 * V8 settings of the console server wherever it runs: `npm start` (scripts/start.ts), the image (the Dockerfile's
 * CMD, which the chart runs; test/unit/helm-image.test.ts keeps it equal) and the e2e replicas. A young generation of
 * 2 × 2 MiB instead of up to 2 × 16 MiB, and an old generation that grows to 1.5× its live size after a full
 * collection instead of up to 4×: 40 to 60 MiB less RSS after page renders, for about 10% more CPU per render.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=2", "--heap-growing-percent=50"];

/**
 * glibc's malloc settings for the same server, set in its environment (malloc reads them at process start). Blocks of
 * 128 KiB and more are mapped on their own and unmapped when freed: by default glibc raises that threshold as large
 * blocks are freed (up to 32 MiB), and the list pages, snapshots and stream writes then stayed in its heap, never
 * returned. Measured at 2,000 pods and 20 tabs: server RSS 235 → 194 MB.
 */
export const SERVER_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: "131072" } as const;
