import { describe, expect, it } from 'vitest';
import { apiQuery, filterSearch, parseFilter, toggleSort, withFilter } from './filters';

describe('client table filter in the URL', () => {
  it('reads a filter from the URL and writes the same URL back', () => {
    const search =
      '?q=r-17&status=online&mapping_mode=KI_PROXY_SWSIM&tenant_id=3&bank_id=2&carrier=AT%26T&sort=last_heartbeat&order=desc&limit=100&offset=200';
    const f = parseFilter(search);
    expect(f).toEqual({
      q: 'r-17',
      status: 'online',
      mapping_mode: 'KI_PROXY_SWSIM',
      tenant_id: 3,
      bank_id: 2,
      carrier: 'AT&T',
      sort: 'last_heartbeat',
      order: 'desc',
      limit: 100,
      offset: 200,
    });
    expect(filterSearch(f)).toBe(search);
  });

  it('drops what the API would refuse instead of sending it', () => {
    const f = parseFilter(
      '?status=sleeping&mapping_mode=x&tenant_id=-1&bank_id=5000&sort=iccid&order=up&limit=7&offset=x&q=%20%20',
    );
    expect(f).toEqual({ sort: 'client_id', order: 'asc', limit: 50, offset: 0 });
    expect(filterSearch(f)).toBe('');
  });

  it('goes back to the first page when the filter changes, and keeps the filter when paging', () => {
    const f = parseFilter('?status=offline&offset=100');
    expect(withFilter(f, { carrier: 'Verizon' }).offset).toBe(0);
    expect(withFilter(f, { offset: 150 })).toMatchObject({ status: 'offline', offset: 150 });
  });

  it('sorts by a clicked column, and flips the order on a second click', () => {
    const f = parseFilter('?offset=50');
    const byBeat = toggleSort(f, 'last_heartbeat');
    expect(byBeat).toMatchObject({ sort: 'last_heartbeat', order: 'asc', offset: 0 });
    expect(toggleSort(byBeat, 'last_heartbeat').order).toBe('desc');
    expect(toggleSort(toggleSort(byBeat, 'last_heartbeat'), 'bank').order).toBe('asc');
  });

  it('asks the API for one page, and the export for all of the filter', () => {
    const f = parseFilter('?carrier=Verizon&offset=50&limit=25');
    expect(apiQuery(f)).toBe('carrier=Verizon&sort=client_id&order=asc&limit=25&offset=50');
    expect(apiQuery(f, false)).toBe('carrier=Verizon&sort=client_id&order=asc');
  });
});
