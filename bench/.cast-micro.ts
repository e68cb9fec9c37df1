// scratch (not committed): castBallot's cost per call, in-process
import { demoDb } from '../src/lib/server/seed/test-db';
import { createMeeting } from '../src/lib/server/meetings/meetings';
import { startMeeting } from '../src/lib/server/hall/session';
import { newId } from '../src/lib/server/db/ids';
import { roleAssignments, users } from '../src/lib/server/db/schema';
import { loadActor } from '../src/lib/server/auth/session';
import * as votes from '../src/lib/server/votes';
const N = Number(process.env.N || 1000);
const t = await demoDb();
const start = new Date(Date.now() + 60_000);
const units = [t.unitId(1), t.unitId(2), t.unitId(3)];
const meetingId = createMeeting(t.db, t.actor('chair'), t.committeeId, { type: 'thematic', title: '表决测试会', startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), place: '', videoUrl: '', visibility: 'public', quorum: 0, status: 'scheduled', unitIds: units, userIds: [], communityIds: [] }).id;
startMeeting(t.db, t.actor('chair'), meetingId);
const ids: string[] = [];
t.db.transaction((tx) => { for (let i = 0; i < N; i++) { const id = newId(); ids.push(id); tx.insert(users).values({ id, login: `m${i}`, displayName: `代表${i}`, passwordHash: 'x', createdAt: new Date() }).run(); tx.insert(roleAssignments).values({ id: newId(), userId: id, committeeId: t.committeeId, role: 'member', unitId: units[i % 3]!, createdAt: new Date() }).run(); } });
const actors = ids.map((id) => loadActor(t.db, id));
for (const secret of [false, true]) {
  const id = votes.createVote(t.db, t.actor('chair'), { title: '关于加装电梯的动议', meetingId, method: 'yna', secret, trackingCodes: true, liveResults: !secret, electorate: 'members' });
  votes.openVote(t.db, t.actor('chair'), id);
  const c0 = process.cpuUsage(); const w0 = performance.now();
  if (process.env.BATCH) { const ts: number[] = []; await Promise.all(actors.map((a) => { const s = performance.now(); return votes.castBallotBatched(t.db, a, id, { choice: 'yes' }).then(() => ts.push(performance.now() - s)); })); ts.sort((a,b)=>a-b); console.log('batched ack p50', ts[ts.length>>1]!.toFixed(1), 'max', ts.at(-1)!.toFixed(1)); }
  else for (const a of actors) votes.castBallot(t.db, a, id, { choice: 'yes' });
  const w = performance.now() - w0; const c = process.cpuUsage(c0);
  console.log(`${secret ? 'secret' : 'named'}: ${N} casts, wall ${(w / N).toFixed(3)} ms/cast, cpu ${((c.user + c.system) / 1000 / N).toFixed(3)} ms/cast`);
  const w1 = performance.now(); votes.closeVote(t.db, t.actor('chair'), id); const wc = performance.now() - w1;
  const w2 = performance.now(); votes.getVote(t.db, t.actor('chair'), id); const wg = performance.now() - w2;
  console.log(`  close ${wc.toFixed(1)} ms, getVote after close ${wg.toFixed(1)} ms`);
}
t.close();
