// The heartbeat batcher: concurrent heartbeats share a write, none is left behind.
import { describe, expect, it } from 'vitest';
import type { HeartbeatInput } from './clients.repository.js';
import { HeartbeatBatcher } from './heartbeat-batcher.js';

const hb = (clientId: string): HeartbeatInput => ({
  clientId,
  tenantId: null,
  health: 'active',
  stats: undefined,
  hardwareInfo: undefined,
  clientIp: null,
});

describe('the heartbeat batcher', () => {
  it('with group commit, writes a lone heartbeat at once and batches those that arrive while it is written', async () => {
    const batches: string[][] = [];
    let release: () => void = () => {};
    const batcher = new HeartbeatBatcher(
      async (inputs) => {
        batches.push(inputs.map((i) => i.clientId));
        if (batches.length === 1) await new Promise<void>((r) => (release = r));
        return inputs.map((_, ord) => ({ ord, profile_id: `p-${inputs[ord]?.clientId}`, tenant_id: 1, refused: false }));
      },
      500,
      () => false,
      true,
    );
    const first = batcher.submit(hb('a'));
    // Written in the same turn, without waiting for the event loop.
    expect(batches).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((id) => batcher.submit(hb(id)));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([['a']]);
    release();
    const answers = await Promise.all([first, ...later]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(answers.map((a) => a[0]?.profile_id)).toEqual(['p-a', 'p-b', 'p-c', 'p-d']);
    // Idle again: the next one goes at once too.
    await batcher.idle();
    void batcher.submit(hb('e'));
    expect(batches.at(-1)).toEqual(['e']);
    await batcher.idle();
  });

  it('keeps apart heartbeats of one client from two addresses (each is checked against its source)', async () => {
    const batches: string[][] = [];
    const batcher = new HeartbeatBatcher(async (inputs) => {
      batches.push(inputs.map((i) => `${i.clientId}@${i.clientIp}`));
      return inputs.map((i, ord) => ({ ord, profile_id: 'p-a', tenant_id: 1, refused: i.clientIp !== '10.0.0.1' }));
    });
    const answers = await Promise.all(['10.0.0.1', '10.0.0.9'].map((ip) => batcher.submit({ ...hb('a'), clientIp: ip })));
    expect(batches).toEqual([['a@10.0.0.1', 'a@10.0.0.9']]);
    expect(answers.map((a) => a[0]?.refused)).toEqual([false, true]);
  });

  it('writes heartbeats that arrive together in one batch, deduplicating a client', async () => {
    const batches: string[][] = [];
    const batcher = new HeartbeatBatcher(async (inputs) => {
      batches.push(inputs.map((i) => i.clientId));
      return inputs.map((_, ord) => ({ ord, profile_id: `p-${inputs[ord]?.clientId}`, tenant_id: 1, refused: false }));
    });
    const answers = await Promise.all(['a', 'b', 'a', 'c'].map((id) => batcher.submit(hb(id))));
    expect(batches).toEqual([['a', 'b', 'c']]);
    expect(answers.map((a) => a.map((t) => t.profile_id))).toEqual([['p-a'], ['p-b'], ['p-a'], ['p-c']]);
  });

  it('writes the acks of duplicate heartbeats together and hands their commands to one answer only', async () => {
    const written: HeartbeatInput[][] = [];
    const batcher = new HeartbeatBatcher(async (inputs) => {
      written.push(inputs);
      return inputs.map((_, ord) => ({
        ord,
        profile_id: 'p-a',
        tenant_id: 1,
        refused: false,
        commands: [{ id: 7, type: 'restart', payload: {} }],
      }));
    });
    const answers = await Promise.all([
      batcher.submit({ ...hb('a'), acks: [{ id: 1 }] }),
      batcher.submit({ ...hb('a'), acks: [{ id: 2, status: 'failed' }] }),
    ]);
    expect(written.map((b) => b.map((i) => i.acks))).toEqual([[[{ id: 1 }, { id: 2, status: 'failed' }]]]);
    expect(answers.map((a) => a[0]?.commands?.map((c) => c.id) ?? [])).toEqual([[], [7]]);
  });

  it('answers an unknown client with no profiles, and a failed write with the error', async () => {
    let fail = false;
    const batcher = new HeartbeatBatcher(async (inputs) => {
      if (fail) throw new Error('database down');
      return inputs.flatMap((i, ord) => (i.clientId === 'known' ? [{ ord, profile_id: 'p', tenant_id: 1, refused: false }] : []));
    });
    expect(await batcher.submit(hb('stranger'))).toEqual([]);
    fail = true;
    await expect(batcher.submit(hb('known'))).rejects.toThrow('database down');
  });

  it('never strands a heartbeat that arrives while a batch is being written', async () => {
    let release: () => void = () => {};
    const batches: string[][] = [];
    const batcher = new HeartbeatBatcher(async (inputs) => {
      batches.push(inputs.map((i) => i.clientId));
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return inputs.map((_, ord) => ({ ord, profile_id: 'p', tenant_id: 1, refused: false }));
    });
    const first = batcher.submit(hb('first'));
    await new Promise((r) => setImmediate(r));
    const late = [batcher.submit(hb('late-1')), batcher.submit(hb('late-2'))];
    release();
    await first;
    await Promise.all(late);
    await batcher.idle();
    expect(batches).toEqual([['first'], ['late-1', 'late-2']]);
  });

  it('splits a flood into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const batcher = new HeartbeatBatcher(async (inputs) => {
      sizes.push(inputs.length);
      return [];
    }, 100);
    await Promise.all(Array.from({ length: 250 }, (_, i) => batcher.submit(hb(`c${i}`))));
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('fails only the guilty heartbeat when a batch statement fails: the batch is split and retried', async () => {
    const statements: number[] = [];
    const batcher = new HeartbeatBatcher(async (inputs) => {
      statements.push(inputs.length);
      if (inputs.some((i) => i.clientId === 'poison')) throw new Error('22P05: unsupported Unicode escape sequence');
      return inputs.map((i, ord) => ({ ord, profile_id: `p-${i.clientId}`, tenant_id: 1, refused: false }));
    });
    const ids = Array.from({ length: 64 }, (_, i) => (i === 37 ? 'poison' : `c${i}`));
    const answers = await Promise.allSettled(ids.map((id) => batcher.submit(hb(id))));
    const failed = ids.filter((_, i) => answers[i]?.status === 'rejected');
    expect(failed).toEqual(['poison']);
    answers.forEach((a, i) => {
      if (ids[i] !== 'poison')
        expect(a).toEqual({ status: 'fulfilled', value: [expect.objectContaining({ profile_id: `p-${ids[i]}` })] });
    });
    expect(statements[0]).toBe(64);
    expect(statements.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(64)));
  });

  it('does not split a batch when the database itself is gone: every caller gets the error at once', async () => {
    let statements = 0;
    const batcher = new HeartbeatBatcher(
      async () => {
        statements++;
        throw new Error('Connection terminated unexpectedly');
      },
      500,
      (e) => /Connection terminated/.test(String(e)),
    );
    const answers = await Promise.allSettled(['a', 'b', 'c', 'd'].map((id) => batcher.submit(hb(id))));
    expect(answers.every((a) => a.status === 'rejected')).toBe(true);
    expect(statements).toBe(1);
  });
});
