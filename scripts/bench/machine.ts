import os from 'node:os';

/** The machine a benchmark ran on, printed with its figures. */
export function describeMachine(): string {
  const cpus = os.cpus();
  return `${os.type()} ${os.release()} · ${cpus[0]?.model ?? 'unknown CPU'} · ${cpus.length} cores · ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB · node ${process.version}`;
}

/** Peak resident set size of this process so far, in MiB (from the kernel, not sampled). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
