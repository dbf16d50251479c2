import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the main heap grow past what the last full collection left alive, as a percentage
 * (HEAP_GROWING_PERCENT; 0 keeps V8's own factor). Under the command mix V8's own factor let the heap reach four
 * times its live objects: 135 MB alive after a collection, 531 MB in use and 810-824 MB of RSS at the peak;
 * 50 kept the peak at 503-525 MB for 7-22% more CPU a payment (bench/README.md, "Memory under the mix"). V8 reads
 * it at each collection, so it holds from the next one when set after start; it applies to the projection
 * thread's heap too (V8's flags are the process's).
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
