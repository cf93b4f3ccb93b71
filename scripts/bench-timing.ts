// The benchmarks' one timing rule: run a read five times and print the median (with min and max).
import { performance } from "node:perf_hooks";

export async function timeMedian(label: string, fn: () => Promise<unknown>): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  const ms = (i: number) => (runs[i] as number).toFixed(1);
  console.log(`${label.padEnd(50)} median ${ms(2)} ms  (min ${ms(0)}, max ${ms(4)})`);
}
