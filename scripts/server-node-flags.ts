/**
 * V8 settings of the console server wherever it runs: `npm start` (scripts/start.ts), the image (the Dockerfile's
 * CMD, which the chart runs; test/unit/helm-image.test.ts keeps it equal) and the e2e replicas. A young generation of
 * 2 × 2 MiB instead of up to 2 × 16 MiB, and an old generation that grows to 1.5× its live size after a full
 * collection instead of up to 4×: 40 to 60 MiB less RSS after page renders, for about 10% more CPU per render.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=2", "--heap-growing-percent=50"];
