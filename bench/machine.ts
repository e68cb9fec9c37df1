/** The machine a run measured on: in BENCHMARKS.md under the run's heading and in the JSON. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
	cpu: string;
	/** `nproc`: the CPUs this process may use. */
	cpus: number;
	memoryGiB: number;
	node: string;
	sqlite: string;
	os: string;
	/** 1 / 5 / 15-minute load averages when the run started and when it ended. */
	loadStart: number[];
	loadEnd?: number[];
}

function nproc(): number {
	try {
		return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
	} catch {
		return os.availableParallelism();
	}
}

export async function machineNow(): Promise<Machine> {
	const { default: Database } = await import('better-sqlite3');
	const mem = new Database(':memory:');
	const sqlite = (mem.prepare('select sqlite_version() as v').get() as { v: string }).v;
	mem.close();
	const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
	return {
		cpu: cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? '?',
		cpus: nproc(),
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		sqlite,
		os: `${os.type()} ${os.release()}`,
		loadStart: os.loadavg().map((l) => Math.round(l * 100) / 100)
	};
}

const loads = (l?: number[]) => (l ? l.map((x) => x.toFixed(2)).join(' / ') : '?');

/** The machine as a Markdown list. */
export function machineMarkdown(m: Machine): string {
	return [
		`- CPU: ${m.cpu}, \`nproc\` = ${m.cpus}`,
		`- Memory: ${m.memoryGiB} GiB`,
		`- Node ${m.node}, SQLite ${m.sqlite} (better-sqlite3), ${m.os}`,
		`- Load average (1 / 5 / 15 min) at the start: ${loads(m.loadStart)}; at the end: ${loads(m.loadEnd)}`
	].join('\n');
}
