import os from 'node:os';

// Printed with every run: the figures only mean something next to the machine that produced them.

export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown cpu';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${os.type()} ${os.release()} ${os.arch()}; cpu ${model}; ${cpus.length} cores; node ${process.version}; ${memGiB} GiB memory`;
}
