import { describe, expect, it } from 'vitest';
import { fleetAlerts } from './fleet-alerts.js';

const none = { pools: [], carriers: [], banks: [], servers: [] };

describe('fleet alerts', () => {
  it('raises nothing for a healthy fleet', () => {
    expect(
      fleetAlerts({
        pools: [{ id: 1, pool_name: 'p', tenant_id: 1, capacity: 100, used: 79, enabled: true }],
        carriers: [{ tenant_id: 1, carrier: 'Acme', cards: 10, available: 1, assigned: 9 }],
        banks: [{ bank_id: 1, name: 'b', tenant_id: 1, bankd_connected: true, server_reachable: true }],
        servers: [{ id: 1, name: 's', enabled: true, reachable: true, last_error: null, conflicts: 0 }],
      }),
    ).toEqual([]);
  });

  it('warns at 80 % of a pool, turns critical at 95 % and full', () => {
    const pool = (used: number) => ({ id: 7, pool_name: 'p7', tenant_id: 1, capacity: 100, used, enabled: true });
    expect(fleetAlerts({ ...none, pools: [pool(80)] })).toMatchObject([{ severity: 'warning', kind: 'pool_near_capacity' }]);
    expect(fleetAlerts({ ...none, pools: [pool(95)] })).toMatchObject([{ severity: 'critical', kind: 'pool_near_capacity' }]);
    expect(fleetAlerts({ ...none, pools: [pool(100)] })).toMatchObject([
      { severity: 'critical', kind: 'pool_full', ref: 'ki-pool:7' },
    ]);
    expect(fleetAlerts({ ...none, pools: [{ ...pool(100), enabled: false }] })).toEqual([]);
  });

  it('names a carrier whose cards are all taken, a bank whose bankd left, and an unreachable server first', () => {
    const alerts = fleetAlerts({
      ...none,
      carriers: [{ tenant_id: 2, carrier: 'Acme', cards: 4, available: 0, assigned: 3 }],
      banks: [
        { bank_id: 3, name: 'b3', tenant_id: 2, bankd_connected: false, server_reachable: true },
        { bank_id: 4, name: 'b4', tenant_id: 2, bankd_connected: false, server_reachable: false },
      ],
      servers: [{ id: 9, name: 'srv', enabled: true, reachable: false, last_error: 'ECONNREFUSED', conflicts: 0 }],
    });
    expect(alerts.map((a) => a.kind)).toEqual(['remsim_unreachable', 'bank_offline', 'carrier_without_slots']);
    expect(alerts[1]?.ref).toBe('bank:3');
    expect(alerts[0]?.message).toContain('ECONNREFUSED');
  });

  it('raises a stalled map as critical: the router behind it keeps its old card', () => {
    const server = { id: 4, name: 'edge', enabled: true, reachable: true, last_error: null, conflicts: 0 };
    expect(fleetAlerts({ ...none, servers: [{ ...server, stalled: 0 }] })).toEqual([]);
    expect(fleetAlerts({ ...none, servers: [{ ...server, stalled: 2 }] })).toMatchObject([
      { severity: 'critical', kind: 'mapping_stalled', ref: 'remsim-server:4', message: expect.stringContaining('2 slot maps') },
    ]);
    expect(fleetAlerts({ ...none, servers: [{ ...server, stalled: 2, enabled: false }] })).toEqual([]);
  });

  it('raises maps that cannot be made and slots the remsim side does not serve, with the reason', () => {
    const server = { id: 4, name: 'edge', enabled: true, reachable: true, last_error: null, conflicts: 0 };
    const bank = { bank_id: 1, name: 'b1', tenant_id: 1, bankd_connected: true, server_reachable: true };
    expect(fleetAlerts({ ...none, servers: [{ ...server, invalid: 0 }], banks: [{ ...bank, unserved: 0 }] })).toEqual([]);
    expect(
      fleetAlerts({
        ...none,
        servers: [{ ...server, invalid: 2 }],
        banks: [{ ...bank, unserved: 28, unserved_reason: 'its bankd serves 4 slots (0..3)' }],
      }),
    ).toMatchObject([
      {
        severity: 'critical',
        kind: 'mapping_invalid',
        ref: 'remsim-server:4',
        message: expect.stringContaining('2 assignments cannot be mapped'),
      },
      {
        severity: 'warning',
        kind: 'slots_unserved',
        ref: 'bank:1',
        message: 'Bank 1 (b1): 28 slots not served and not handed out (its bankd serves 4 slots (0..3))',
      },
    ]);
  });
});
