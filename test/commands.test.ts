// The command queue: an operator queues a command; it rides in the client's next heartbeat
// answer, is acknowledged, or expires. A deployed client, which never heartbeats, is refused
// with the actions that do reach it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireCommands } from '../src/modules/commands/commands.usecases.js';
import { DeployedClient } from '../src/sim/openwrt-client.js';
import { type Harness, json, startIonMesh } from './support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, read by the assertions
type Doc = Record<string, any>;

describe('command queue', () => {
  let h: Harness;
  const client = (path: string, body: unknown) =>
    fetch(`${h.url}/api/backend/v1/remsim${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const heartbeat = async (body: Doc = {}) => {
    const res = await client('/heartbeat', { client_id: 'agent-slot0', status: 'active', ...body });
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
  };
  const queue = (clientId: string, body: Doc) => h.admin(`/clients/${clientId}/commands`, json(body));
  const commands = async () => ((await (await h.admin('/clients/agent-slot0/commands')).json()) as Doc).items as Doc[];

  beforeAll(async () => {
    h = await startIonMesh();
    expect((await client('/register-client', { client_id: 'agent-slot0', tenant_id: 1 })).status).toBe(200);
    await heartbeat();
  });
  afterAll(() => h.close());

  it('hands a queued command over in the next heartbeat answer, once, and takes the acknowledgement', async () => {
    const res = await queue('agent-slot0', { type: 'restart', payload: { reason: 'modem stuck' } });
    expect(res.status).toBe(200);
    const c = (await res.json()) as Doc;
    expect(c).toMatchObject({ type: 'restart', status: 'pending', client_id: 'agent-slot0' });
    await h.services.metrics.refreshFleet();
    expect(await (await fetch(`${h.url}/metrics`)).text()).toContain('ionmesh_commands{state="pending"} 1');
    const first = await heartbeat();
    expect(first.commands).toEqual([{ id: c.id, type: 'restart', payload: { reason: 'modem stuck' } }]);
    expect((await commands())[0]).toMatchObject({ id: c.id, status: 'delivered' });
    expect((await heartbeat()).commands).toEqual([]);
    await heartbeat({ acks: [{ id: c.id, status: 'ok', result: { restarted_in_ms: 8200 } }] });
    expect((await commands())[0]).toMatchObject({ id: c.id, status: 'acknowledged', result: { restarted_in_ms: 8200 } });
  });

  it('takes an acknowledgement on its own route too, and refuses one for a command that is not the client’s', async () => {
    const c = (await (await queue('agent-slot0', { type: 'switch_slot', payload: { slot: 1 } })).json()) as Doc;
    expect((await heartbeat()).commands.map((x: Doc) => x.id)).toEqual([c.id]);
    const foreign = await client(`/commands/${c.id}/ack`, { client_id: 'someone-else-slot0' });
    expect(foreign.status).toBe(404);
    const ack = await client(`/commands/${c.id}/ack`, {
      client_id: 'agent-slot0',
      status: 'failed',
      result: { error: 'no such slot' },
    });
    expect(await ack.json()).toEqual({ status: 'ok', command_id: c.id, command_status: 'failed' });
    expect((await client(`/commands/${c.id}/ack`, { client_id: 'agent-slot0' })).status).toBe(404); // already answered
  });

  it('leaves a command pending when the heartbeat that would carry it fails before its answer', async () => {
    const first = (await (await queue('agent-slot0', { type: 'restart', payload: {} })).json()) as Doc;
    expect((await heartbeat()).commands.map((x: Doc) => x.id)).toEqual([first.id]);
    const second = (await (await queue('agent-slot0', { type: 'update_config', payload: { apn: 'a' } })).json()) as Doc;
    // The acknowledgement of the first fails in the database (a trigger standing in for an outage
    // at that moment): the heartbeat fails, and the second command must not be marked delivered
    // by a heartbeat whose answer never went out.
    await h.query(sql`CREATE FUNCTION test_fail_ack() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.result ? 'fail_here' THEN RAISE EXCEPTION 'ack step failed'; END IF; RETURN NEW; END $$`);
    await h.query(
      sql`CREATE TRIGGER test_fail_ack BEFORE UPDATE ON client_commands FOR EACH ROW EXECUTE FUNCTION test_fail_ack()`,
    );
    try {
      const failed = await client('/heartbeat', {
        client_id: 'agent-slot0',
        status: 'active',
        acks: [{ id: first.id, status: 'ok', result: { fail_here: true } }],
      });
      expect(failed.status).toBeGreaterThanOrEqual(500);
      const states = Object.fromEntries((await commands()).map((c) => [c.id, c.status]));
      expect(states[first.id]).toBe('delivered');
      expect(states[second.id]).toBe('pending');
    } finally {
      await h.query(sql`DROP TRIGGER test_fail_ack ON client_commands`);
      await h.query(sql`DROP FUNCTION test_fail_ack()`);
    }
    // The next heartbeat carries the second command and records the ack it sends again.
    const next = await heartbeat({ acks: [{ id: first.id, status: 'ok' }] });
    expect(next.commands.map((x: Doc) => x.id)).toEqual([second.id]);
    const states = Object.fromEntries((await commands()).map((c) => [c.id, c.status]));
    expect(states).toMatchObject({ [first.id]: 'acknowledged', [second.id]: 'delivered' });
    await heartbeat({ acks: [{ id: second.id, status: 'ok' }] });
  });

  it('expires commands nobody picked up', async () => {
    const c = (await (
      await queue('agent-slot0', { type: 'update_config', payload: { apn: 'iot' }, expires_in_sec: 10 })
    ).json()) as Doc;
    await h.query(sql`UPDATE client_commands SET expires_at = now() - interval '1 second' WHERE id = ${c.id}`);
    expect((await heartbeat()).commands).toEqual([]); // expired ones are never handed over
    expect((await expireCommands(h.db)).map((e) => e.id)).toEqual([c.id]);
    expect((await commands()).find((x) => x.id === c.id)?.status).toBe('expired');
    const types = (await h.query<{ type: string }>(sql`SELECT type FROM events WHERE type LIKE 'command.%' ORDER BY id`)).map(
      (e) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining(['command.queued', 'command.delivered', 'command.acknowledged', 'command.expired']),
    );
  });

  it('refuses a command for a deployed client that never heartbeats, naming what works instead', async () => {
    const router = new DeployedClient('openwrt-slot0', { host: '127.0.0.1', port: h.port });
    expect((await router.register()).reading.client_accepts).toBe(true);
    const res = await queue('openwrt-slot0', { type: 'restart' });
    const body = (await res.json()) as Doc;
    expect([res.status, body.code]).toEqual([409, 'CLIENT_CANNOT_RECEIVE_COMMANDS']);
    expect(body.alternatives.join(' ')).toMatch(/reassign.*unregister/s);
  });

  it('refuses bad commands with a 4xx and writes nothing', async () => {
    const [before] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_commands`);
    for (const [clientId, body, status] of [
      ['agent-slot0', { type: 'selfdestruct' }, 400],
      ['agent-slot0', { type: 'restart', expires_in_sec: 5 }, 400],
      ['agent-slot0', { type: 'restart', payload: 'now' }, 400],
      ['nobody-slot0', { type: 'restart' }, 404],
    ] as Array<[string, Doc, number]>) {
      expect((await queue(clientId, body)).status, JSON.stringify(body)).toBe(status);
    }
    expect((await client('/heartbeat', { client_id: 'agent-slot0', acks: [{ id: 'one' }] })).status).toBe(400);
    const [after] = await h.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM client_commands`);
    expect(after?.n).toBe(before?.n);
  });
});
