// libuv's thread pool, sized before its first use (it reads UV_THREADPOOL_SIZE once, when the first
// request is queued). Imported first by main.ts.
//
// Reads that can block in a driver run in this pool (kernel/blockingRead.ts) and may pin a thread each
// while stuck; at most half the pool is given to them, so gzip, fs.promises and dns keep the other half.
// With Node's default of 4 that would be 2: 8 threads (idle ones cost a stack's few pages of memory) give
// 4 to blocking reads. A UV_THREADPOOL_SIZE set by the user is kept. Under Deno (whose file operations
// use its own blocking pool) the variable changes nothing.
const DEFAULT_POOL = 8;

if (process.env.UV_THREADPOOL_SIZE === undefined) process.env.UV_THREADPOOL_SIZE = String(DEFAULT_POOL);

/** How many reads may sit in the pool at once: half of it, at least 1. */
export function blockingSlots(): number {
  const n = Number(process.env.UV_THREADPOOL_SIZE);
  const pool = Number.isInteger(n) && n > 0 ? n : 4;
  return Math.max(1, Math.floor(pool / 2));
}
