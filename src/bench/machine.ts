import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly os: string;
  readonly memoryGiB: number;
  /** 1-minute load average when the benchmark started: anything above ~0.3 means others were busy. */
  readonly loadAverageAtStart: number;
}

export function describeMachine(): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export const machineLine = (machine: Machine): string =>
  `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`;

// ---- CPU pinning (Linux, taskset) ----

/** Whether `taskset` can pin processes here (Linux with util-linux, two cores or more). */
export function canPin(): boolean {
  if (platform() !== "linux" || cpus().length < 2) return false;
  return spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Pins a running process, all its threads, to the given CPUs (`"1"`, `"0"`). */
export function pin(pid: number, cpuList: string): void {
  execFileSync("taskset", ["--all-tasks", "--pid", "--cpu-list", cpuList, String(pid)], { stdio: "ignore" });
}

// ---- CPU time of other processes (Linux /proc) ----

/** CPU ticks (utime + stime) of every user-space process now, by pid. Kernel threads are left out. */
export function processTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  if (platform() !== "linux") return ticks;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces) are: state ppid … utime(14) stime(15).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      if (ppid === 2 || Number(entry) === 2) continue;
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we read.
    }
  }
  return ticks;
}

const TICKS_PER_SECOND = 100;

/**
 * CPU time other processes used between two snapshots, as a share of one core over `seconds`: the
 * benchmark's own processes (`ours`) are left out. Processes that came and went in between are missed.
 */
export function othersCpuShare(
  before: Map<number, number>,
  after: Map<number, number>,
  ours: ReadonlySet<number>,
  seconds: number,
): number {
  let used = 0;
  for (const [pid, ticks] of after) {
    if (ours.has(pid)) continue;
    used += ticks - (before.get(pid) ?? 0);
  }
  return used / TICKS_PER_SECOND / seconds;
}
