/**
 * `npm run audit:verify`: check every audit chain in the database (DATA_DIR/yiting.db, or the
 * file given as the first argument) and name the first bad entry of each bad chain. Exits 1
 * when any chain is bad.
 */
import path from 'node:path';
import { config } from '../src/lib/server/config';
import { openDb } from '../src/lib/server/db';
import { verifyAuditChains } from '../src/lib/server/platform/audit';

const file = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'yiting.db'));
const db = openDb(file);
try {
	const chains = db.$client
		.prepare('select chain, count(*) n from audit_log group by chain order by chain')
		.all() as { chain: string; n: number }[];
	const faults = verifyAuditChains(db);
	for (const { chain, n } of chains) {
		const bad = faults.find((f) => f.chain === chain);
		console.log(
			bad ? `BAD  ${chain}: entry ${bad.seq} ${bad.problem}` : `ok   ${chain}: ${n} entries`
		);
	}
	for (const f of faults.filter(
		(f) => f.chain === null || !chains.some((c) => c.chain === f.chain)
	)) {
		console.log(`BAD  ${f.chain ?? 'numbering of all entries'}: entry ${f.seq} ${f.problem}`);
	}
	console.log(
		faults.length ? `${file}: ${faults.length} bad chain(s)` : `${file}: every chain verifies`
	);
	process.exitCode = faults.length ? 1 : 0;
} finally {
	db.$client.close();
}
