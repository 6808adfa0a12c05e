import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';

// What is running, read from /proc: a process tree by parent pid, and a marker in each process's
// environment (GK_DATA_DIR of one test's `npm start`), which every process it starts inherits,
// detached or not, PostgreSQL's backends included.

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** Clock ticks after boot: with the pid, names one process even if the pid is reused. */
  start: string;
  state: string;
  cmdline: string;
}

export function processTable(): Map<number, ProcessInfo> {
  const table = new Map<number, ProcessInfo>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      table.set(Number(entry), {
        pid: Number(entry),
        state: fields[0]!,
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        start: fields[19]!,
        cmdline,
      });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return table;
}

/** `root` and every process below it, by parent pid. */
export function descendants(root: number, table = processTable()): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const info = table.get(pid);
    if (info) out.push(info);
    for (const p of table.values()) if (p.ppid === pid) queue.push(p.pid);
  }
  return out;
}

/** Processes whose environment holds `entry` (e.g. "GK_DATA_DIR=/tmp/x"); zombies have none left. */
export function withEnvironment(entry: string, table = processTable()): ProcessInfo[] {
  return [...table.values()].filter((p) => {
    try {
      return fs.readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0').includes(entry);
    } catch {
      return false;
    }
  });
}

/** Whether this very process (same pid, same start time) still exists, zombie or not. */
export function stillThere(p: ProcessInfo): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] === p.start;
  } catch {
    return false;
  }
}

export function tcpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function udpPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}
