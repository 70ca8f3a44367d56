// The web console in a real browser (Debian's Chromium, headless) against a real IonMesh on
// loopback with a simulated fleet heartbeating: sign in, overview, filter and page the clients,
// a client's graph, reassign, a live heartbeat on screen, a CSV import with a bad line, and the
// phone viewport. Screenshots of the main pages land in artifacts/screenshots.

import { AxeBuilder } from '@axe-core/playwright';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLuhn } from '../src/domain/iccid.js';
import { UsageService } from '../src/modules/usage/index.js';
import { Fleet } from '../src/sim/fleet.js';
import { hasChromium, launchBrowser, screenshot, signIn } from './support/browser.js';
import { ADMIN_KEY, type Harness, onPostgres, startIonMesh } from './support/harness.js';
import { RemsimServerDouble } from './support/remsim-server-double.js';

if (!hasChromium) {
  // CI installs it (.ci/run): there, a missing browser is a failure, not a skip.
  if (process.env.CI === 'true') throw new Error('console e2e: /usr/bin/chromium is missing (apt-get install chromium)');
  console.warn('console e2e: /usr/bin/chromium is missing (apt-get install chromium); the browser tests are skipped');
}

/** Serious and critical WCAG 2 A/AA findings of axe-core on the page as it is. */
async function accessibilityProblems(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')})`,
    );
}

describe.runIf(hasChromium && !onPostgres)('web console in Chromium', () => {
  let h: Harness;
  let remsim: RemsimServerDouble;
  let fleet: Fleet;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    remsim = new RemsimServerDouble();
    await remsim.start();
    h = await startIonMesh({ remsim: { url: remsim.url }, config: { webhooksAllowPrivate: true } });
    // 40 rich routers heartbeating every 2 s: 40 of the demo's 64 slots taken.
    fleet = new Fleet({ url: h.url, count: 40, deployedShare: 0, heartbeatIntervalSec: 2, rate: 200, prefix: 'web', seed: 7 });
    fleet.start();
    for (let i = 0; i < 100 && fleet.progress().registered < 40; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(fleet.progress().registered).toBe(40);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await fleet?.stop();
    await h?.close();
    await remsim?.close();
  });

  it('refuses a wrong key, then signs in and shows the fleet overview, live', async () => {
    await page.goto(h.url);
    await page.getByLabel('API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await signIn(page, h.url, ADMIN_KEY);
    await expect.poll(() => page.getByTestId('count-clients').textContent()).toBe('40');
    await expect.poll(() => page.getByTestId('live-state').textContent()).toContain('Live');
    // The key lives in this tab's session only.
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([1, 0]);
    await screenshot(page, 'overview');
  });

  it('filters the clients on the server and pages through them', async () => {
    await page.getByRole('link', { name: 'Clients', exact: true }).first().click();
    await expect.poll(() => page.getByTestId('page-status').textContent()).toContain('40 in all');
    await page.getByLabel('Rows').selectOption('25');
    await expect.poll(() => page.getByTestId('page-status').textContent()).toBe('Page 1 of 2 · 40 in all');
    expect(await page.locator('[data-client]').count()).toBe(25);
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('page-status').textContent()).toBe('Page 2 of 2 · 40 in all');
    expect(await page.locator('[data-client]').count()).toBe(15);
    await screenshot(page, 'clients');

    await page.getByLabel('Search').fill('web-00007');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('[data-client]').count()).toBe(1);
    expect(page.url()).toContain('q=web-00007');
    expect(await page.locator('[data-client]').getAttribute('data-client')).toBe('web-00007-slot0');

    // Sorting by the column header reverses the order; a reload keeps the filter (it is in the URL).
    await page.goto(`${h.url}/clients?limit=25&sort=client_id&order=desc`);
    await expect.poll(() => page.locator('[data-client]').first().getAttribute('data-client')).toBe('web-00040-slot0');
    await page.getByRole('button', { name: /^Client/ }).click();
    await expect.poll(() => page.locator('[data-client]').first().getAttribute('data-client')).toBe('web-00001-slot0');
  });

  it('opens a client and draws its signal graph from the stats history', async () => {
    await page.goto(`${h.url}/clients/web-00003-slot0`);
    await page.getByTestId('assignment').waitFor();
    await expect.poll(async () => Number(await page.getByTestId('signal-chart').getAttribute('data-points'))).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="signal-chart"] canvas').count()).toBe(1);
    await screenshot(page, 'client');
  });

  it('shows a heartbeat from the simulator on the open client page as it happens', async () => {
    const cell = page.getByTestId('client-last-heartbeat');
    const before = await cell.locator('time').getAttribute('datetime');
    // The simulated router heartbeats every 2 s: the page must move without a reload.
    await expect.poll(() => cell.locator('time').getAttribute('datetime'), { timeout: 10_000 }).not.toBe(before);
    // And a heartbeat with a value of our own shows its signal.
    const res = await fetch(`${h.url}/api/backend/v1/remsim/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'web-00003-slot0', stats: { rsrp: -123.4, rssi: -97, rsrq: -15, sinr: -2 } }),
    });
    expect(res.status).toBe(200);
    await expect.poll(() => page.getByTestId('signal').textContent(), { timeout: 5000 }).toContain('RSRP -123.4 dBm');
  });

  it('reassigns a client to a free slot chosen in the picker, and shows the new slot', async () => {
    const [free] = await h.query<{ bank_id: number; slot_id: number }>(
      sql`SELECT bank_id, slot_id FROM slots WHERE status = 'available' ORDER BY bank_id DESC, slot_id DESC LIMIT 1`,
    );
    await page.getByRole('button', { name: 'Reassign…' }).click();
    const dialog = page.getByRole('dialog', { name: /Reassign web-00003-slot0/ });
    await dialog.getByLabel('Free slot').selectOption(`${free?.bank_id}:${free?.slot_id}`);
    await dialog.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => page.getByTestId('bank-slot').textContent()).toContain(`bank ${free?.bank_id} slot ${free?.slot_id}`);
    const [profile] = await h.query<{ bank_id: number; slot_id: number }>(
      sql`SELECT bank_id, slot_id FROM service_profiles WHERE client_id = 'web-00003-slot0' AND status = 'ACTIVE'`,
    );
    expect(profile).toEqual(free);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Reassigned' }).count()).toBe(1);
    // The audit trail (one request for all the client's profiles) shows the reassignment and who did it.
    const trail = page.getByRole('region', { name: 'Audit trail' });
    await expect.poll(() => trail.first().textContent()).toContain('client.reassign');
    expect(await trail.first().textContent()).toContain('client.register');
  });

  it('says why a client that never heartbeats cannot be restarted', async () => {
    const res = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'quiet-router', tenant_id: 1 }),
    });
    expect(res.status).toBe(200);
    await page.goto(`${h.url}/clients/quiet-router`);
    await expect.poll(() => page.getByRole('button', { name: 'Restart…' }).isDisabled()).toBe(true);
    expect(await page.locator('#no-commands').textContent()).toContain('never sent a heartbeat');
  });

  it('imports a CSV with a bad row: nothing imported, the line named', async () => {
    await page.goto(`${h.url}/sim-import`);
    const csv = [
      'bank_id,slot_id,iccid,imsi,carrier,mcc_mnc',
      `1,60,${withLuhn('891004109900000060')},310410990000060,AT&T,310410`,
      `9,61,${withLuhn('891004109900000061')},310410990000061,AT&T,310410`,
    ].join('\n');
    await page.getByTestId('csv-file').setInputFiles({ name: 'sims.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByText('sims.csv: 3 lines').count()).toBe(1);
    await page.getByRole('button', { name: 'Import' }).click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.textContent()).toContain('bank 9 does not exist');
    expect(await errors.locator('tbody tr td').first().textContent()).toBe('3');
    const [slot60] = await h.query(sql`SELECT 1 FROM slots WHERE bank_id = 1 AND slot_id = 60`);
    expect(slot60).toBeUndefined();
    await screenshot(page, 'sim-import-error');

    // The good rows alone import, with the progress bar at its end.
    await page.getByTestId('csv-text').fill(csv.split('\n').slice(0, 2).join('\n'));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('Imported 1 rows');
    expect(await page.getByTestId('import-progress').evaluate((p) => (p as HTMLProgressElement).value)).toBe(1);
  });

  it('shows the slot grid of a bank and disables a faulty slot', async () => {
    await page.goto(`${h.url}/banks/2`);
    const grid = page.getByTestId('slot-grid');
    await grid
      .getByRole('button', { name: /^Slot \d+:/ })
      .first()
      .waitFor();
    const [free] = await h.query<{ slot_id: number }>(
      sql`SELECT slot_id FROM slots WHERE bank_id = 2 AND status = 'available' ORDER BY slot_id LIMIT 1`,
    );
    await grid.getByRole('button', { name: new RegExp(`^Slot ${free?.slot_id}: available`) }).click();
    await page.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => grid.getByRole('button', { name: new RegExp(`^Slot ${free?.slot_id}: disabled`) }).count()).toBe(1);
    const [row] = await h.query<{ status: string }>(
      sql`SELECT status FROM slots WHERE bank_id = 2 AND slot_id = ${free?.slot_id}`,
    );
    expect(row?.status).toBe('disabled');
    await screenshot(page, 'banks');
  });

  it('shows KI pools with their launch lines to copy, and webhooks with their delivery log', async () => {
    // Two neighbouring free cards of bank 2 become the pool's KI cards (a card in use cannot).
    const [free] = await h.query<{ slot_id: number }>(
      sql`SELECT a.slot_id FROM slots a JOIN slots b ON b.bank_id = a.bank_id AND b.slot_id = a.slot_id + 1
          WHERE a.bank_id = 2 AND a.status = 'available' AND b.status = 'available' ORDER BY a.slot_id DESC LIMIT 1`,
    );
    const first = free?.slot_id as number;
    const pool = {
      pool_name: 'web-ki',
      tenant_id: 1,
      carrier: 'Verizon',
      mcc_mnc: '311480',
      bank_id: 2,
      physical_slot_start: first,
      physical_slot_end: first + 1,
      virtual_segments: [{ bank_id: 2, virtual_slot_start: 900, virtual_slot_end: 909 }],
    };
    expect((await h.admin('/ki-proxy-pools', { method: 'POST', body: JSON.stringify(pool) })).status).toBe(200);
    const hook = await h.admin('/webhooks', {
      method: 'POST',
      body: JSON.stringify({ tenant_id: 1, url: 'http://127.0.0.1:9/ionmesh-hook' }),
    });
    expect(hook.status).toBe(200);
    // The overview behind this page is shared for two seconds: a new pool shows on a reload after that.
    await expect
      .poll(
        async () => {
          await page.goto(`${h.url}/ki-pools`);
          await page.getByRole('heading', { name: 'KI proxy pools' }).waitFor();
          await page.waitForTimeout(300);
          return page.locator('.launch-line code').count();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    expect(await page.locator('.launch-line code').first().textContent()).toContain('-V 900-909');
    await page.goto(`${h.url}/webhooks`);
    await page.getByRole('heading', { name: 'http://127.0.0.1:9/ionmesh-hook' }).waitFor();
    await page.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByRole('columnheader', { name: 'Attempts' }).waitFor();
    await screenshot(page, 'ki-pools-webhooks');
  });

  it('creates a plan, shows each card’s usage and cost with a chart, a client’s usage, and unlocks a locked card', async () => {
    await page.goto(`${h.url}/plans`);
    await page.getByRole('button', { name: 'New plan' }).click();
    const form = page.getByTestId('plan-form');
    await form.getByLabel('Name').fill('AT&T 5 GB');
    await form.getByLabel('Carrier (MCC+MNC)').fill('310410');
    await form.getByLabel('Default of its carrier').check();
    await form.getByLabel('Allowance (MB per cycle, empty: none)').fill('5000');
    await form.getByLabel('Fee per card and cycle').fill('2');
    await form.getByLabel('Cost per MB over the allowance').fill('0.01');
    await form.getByLabel('Thresholds (percent action, …)').fill('80 event, 100 command:restart');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('plans-table').textContent()).toContain('AT&T 5 GB');
    expect(await page.getByTestId('plans-table').textContent()).toContain('80 event, 100 command:restart');

    // The fleet's counters so far, accounted now (the server's job waits 30 s for a sample to settle).
    await new UsageService(h.db, { rawRetentionSec: 86_400, retentionDays: 400, settleSec: 0 }).account();
    await page.goto(`${h.url}/usage`);
    const table = page.getByTestId('usage-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await table.textContent()).toContain('AT&T 5 GB');
    expect(await table.textContent()).toMatch(/2\.\d\d EUR/);
    await table.locator('tbody tr').first().getByRole('button').click();
    await page.getByTestId('card-usage').waitFor();
    await page.getByTestId('card-usage-chart').waitFor();
    await screenshot(page, 'usage');
    // Tag the card shown, and make a filter group of the tag: the card is in it.
    await page.getByTestId('card-tags').getByLabel('Tags').fill('pilot');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save tags' }).isDisabled()).toBe(true);
    const tagged = (await page.getByTestId('card-usage').locator('h2').textContent()) as string;
    // The card's own threshold, beside its plan's.
    await page.getByTestId('card-settings').getByLabel('Own thresholds').fill('90 event');
    await page.getByRole('button', { name: 'Save card settings' }).click();
    const shown = /Card (\d+):(\d+)/.exec(tagged);
    await expect
      .poll(async () => (await (await h.admin(`/usage/cards/${shown?.[1]}/${shown?.[2]}/settings`)).json()).thresholds.length)
      .toBe(1);
    await page.goto(`${h.url}/groups`);
    await page.getByRole('button', { name: 'New group' }).click();
    const gform = page.getByTestId('group-form');
    await gform.getByLabel('Name').fill('pilots');
    await gform.getByLabel('Cards tagged').fill('pilot');
    await gform.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('groups-table').textContent()).toContain('tag = pilot');
    await page.getByTestId('groups-table').getByRole('button', { name: 'Cards' }).click();
    const card = /Card (\d+):(\d+)/.exec(tagged);
    await expect.poll(() => page.getByTestId('group-members').textContent()).toContain(`${card?.[1]}:${card?.[2]}`);
    // A bulk job for the group's cards: dry run, start, follow it to its end, read its items.
    await page.goto(`${h.url}/jobs`);
    await page.getByRole('button', { name: 'New job' }).click();
    const jform = page.getByTestId('job-form');
    await jform.getByRole('combobox', { name: /^Action/ }).selectOption('tag_card');
    await jform.getByRole('combobox', { name: /^For/ }).selectOption('group');
    await jform.getByRole('combobox', { name: /^Group/ }).selectOption({ label: 'pilots' });
    await jform.getByLabel('Add tags').fill('wave-1');
    await jform.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => page.getByTestId('job-dry-run').textContent()).toContain(`${card?.[1]}:${card?.[2]}`);
    await page.getByRole('button', { name: /^Start tag_card for 1$/ }).click();
    const jobsTable = page.getByTestId('jobs-table');
    await expect.poll(() => jobsTable.textContent()).toContain('tag_card');
    await h.services.jobs.tick(2000);
    await expect.poll(() => jobsTable.textContent(), { timeout: 10_000 }).toContain('100% of 1');
    await expect.poll(() => page.getByTestId('job-items').textContent()).toContain('done');
    expect((await (await h.admin(`/card-tags/${card?.[1]}/${card?.[2]}`)).json()).tags).toContain('wave-1');
    // A rule: dry run, save, a registration makes it act, its runs show it; then disable it.
    await h.services.rulesEngine.tick(); // past what happened so far
    await page.goto(`${h.url}/rules`);
    await page.getByRole('button', { name: 'New rule' }).click();
    const rform = page.getByTestId('rule-form');
    await rform.getByLabel('Name').fill('tag newcomers');
    await rform.getByRole('combobox', { name: /^Event type/ }).selectOption('client.registered');
    await rform.getByLabel('Expression (CEL)').fill('data.client_id.startsWith("web-rule")');
    await rform.getByRole('combobox', { name: /^Then/ }).selectOption('tag_client');
    await rform.getByLabel('Add tags').fill('newcomer');
    await rform.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => page.getByTestId('rule-dry-run').textContent()).toContain('would act on 0');
    await rform.getByRole('button', { name: 'Save rule' }).click();
    const rulesTable = page.getByTestId('rules-table');
    await expect.poll(() => rulesTable.textContent()).toContain('tag newcomers');
    const reg = await fetch(`${h.url}/api/backend/v1/remsim/register-client`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'web-rule-1', tenant_id: 1 }),
    });
    expect(reg.status).toBe(200);
    await expect.poll(async () => (await h.services.rulesEngine.tick()).acted, { timeout: 10_000 }).toBe(1);
    await rulesTable.getByRole('button', { name: 'Runs' }).click();
    await expect.poll(() => page.getByTestId('rule-runs').textContent(), { timeout: 10_000 }).toContain('client:web-rule-1');
    await rulesTable.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => rulesTable.textContent()).toContain('disabled');
    await page.goto(`${h.url}/usage`);
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByRole('combobox', { name: /^Per/ }).selectOption('tenant');
    // One row per tenant and currency: the plan's cards in EUR, the cards without a plan apart.
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toContain('EUR');

    await page.goto(`${h.url}/clients/web-00003-slot0`);
    await expect.poll(() => page.getByTestId('client-usage-total').textContent()).toMatch(/[0-9.]+ (B|kB|MB|GB)/);
    await page.goto(`${h.url}/clients/quiet-router`);
    await expect.poll(() => page.getByTestId('client-usage-total').textContent()).toContain('never sends heartbeats');

    await h.services.cardActions.takeOutOfService({
      tenantId: 1,
      bankId: 2,
      slotId: 31,
      kind: 'auto_lock',
      reason: '5 failures in 60 min (limit 5): 5 health errors',
      details: { failures: 5 },
      leave: 'faulty',
    });
    await page.goto(`${h.url}/card-locks`);
    const locks = page.getByTestId('locks-table');
    await expect.poll(() => locks.textContent()).toContain('5 health errors');
    await locks.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => locks.textContent()).toContain('No card is locked');
  });

  it('shows incidents with their attempts, acknowledges one, switches a playbook, and a client’s outlook', async () => {
    const client = (path: string, body: unknown) =>
      fetch(`${h.url}/api/backend/v1/remsim${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await client('/register-client', { client_id: 'web-heal-1', tenant_id: 1 })).status).toBe(200);
    expect((await client('/request-new-slot', { client_id: 'web-heal-1', reason: 'SIM not answering' })).status).toBe(200);
    // Again at once: the cooldown refuses it, the incident is escalated to a person.
    expect((await client('/request-new-slot', { client_id: 'web-heal-1', reason: 'still failing' })).status).toBe(429);
    await page.goto(`${h.url}/incidents`);
    const table = page.getByTestId('incidents-table');
    await expect.poll(() => table.textContent()).toContain('still failing');
    expect(await table.textContent()).toContain('escalated');
    // The row's buttons stay inside their row (a cell made flex used to spill them below it).
    const row = table.locator('tbody tr').first();
    const rowBox = await row.boundingBox();
    for (const button of await row.getByRole('button', { name: /Acknowledge|Resolve/ }).all()) {
      const box = await button.boundingBox();
      expect(box && rowBox && box.y >= rowBox.y - 0.5 && box.y + box.height <= rowBox.y + rowBox.height + 0.5).toBe(true);
    }
    await table.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => table.textContent()).toContain('acknowledged');
    await table.locator('tbody tr').first().getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('incident-attempts').textContent()).toContain('skipped');
    await page.getByRole('combobox', { name: /^State/ }).selectOption('');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1); // the same incident, tried again: one per client at a time
    const playbooks = page.getByTestId('playbooks');
    // The box shows what the server holds: checked once the change is saved and read back.
    await playbooks.getByLabel('and back when it returns').click();
    await expect.poll(() => playbooks.getByLabel('and back when it returns').isChecked(), { timeout: 10_000 }).toBe(true);
    expect((await (await h.admin('/tenants/1/healing')).json()).bankd_loss.move_back).toBe(true);
    // Fault prediction has judged the fleet: a client's page says what it expects.
    await h.services.prediction.run();
    await page.goto(`${h.url}/clients/web-00005-slot0`);
    await expect.poll(() => page.getByTestId('client-prediction').textContent()).toMatch(/model v1/);
    await page.goto(`${h.url}/`);
    await expect.poll(() => page.getByTestId('count-open-incidents').textContent()).toBe('1');
  });

  it('has no serious accessibility problems on its main pages, and works from the keyboard', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const path of [
        '/',
        '/clients',
        '/clients/web-00005-slot0',
        '/banks/1',
        '/sim-import',
        '/ki-pools',
        '/carriers',
        '/webhooks',
        '/api-keys',
        '/usage',
        '/plans',
        '/groups',
        '/jobs',
        '/rules',
        '/incidents',
        '/card-locks',
      ]) {
        await page.goto(`${h.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await page.waitForTimeout(300);
        expect(await accessibilityProblems(page), `${path} (${scheme})`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${h.url}/clients/web-00005-slot0`);
    await page.getByTestId('assignment').waitFor();
    await screenshot(page, 'client-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Keyboard: the skip link comes first, then the navigation reaches the clients page.
    await page.goto(`${h.url}/`);
    await page.locator('main h1').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Clients';
    }
    expect(reached, 'Tab reaches the Clients link').toBe(true);
    // Enter on that link (the locator focuses it again should a live update of the page have
    // re-rendered the navigation meanwhile: the page is live, the keyboard is what is tested).
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Clients' }).press('Enter');
    await page.getByTestId('clients-table').waitFor();
    // Focus is visible: the focused control draws an outline.
    await page.getByLabel('Search').focus();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    // Two colour schemes, every main page through axe: about 45 s alone, more on a busy machine.
  }, 150_000);

  it('creates a readonly key in the console, shown once; signed in with it, the console only shows', async () => {
    await page.goto(`${h.url}/api-keys`);
    await page.getByRole('textbox', { name: 'Name' }).fill('noc wall screen');
    await page.getByLabel('Role').selectOption('readonly');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = (await page.getByTestId('new-key').locator('pre').textContent()) as string;
    expect(shown).toMatch(/^imk_/);
    await expect.poll(() => page.locator(`[data-key="${shown.slice(0, 12)}"]`).count()).toBe(1);
    await page.reload();
    expect(await page.getByTestId('new-key').count()).toBe(0); // shown once

    const viewer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await signIn(viewer, h.url, shown);
      await expect.poll(() => viewer.getByTestId('who').textContent()).toContain('readonly');
      const nav = viewer.getByRole('navigation', { name: 'Sections' });
      expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'SIM import' }).count()).toBe(0);
      await viewer.goto(`${h.url}/clients/web-00009-slot0`);
      await viewer.getByTestId('assignment').waitFor();
      expect(await viewer.getByRole('button', { name: 'Reassign…' }).count()).toBe(0);
      expect(await viewer.getByTestId('actions').textContent()).toContain('may look but not act');
    } finally {
      await viewer.close();
    }

    // Revoked in the console: the key stops working at once.
    await page.getByRole('button', { name: 'Revoke noc wall screen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => page.locator(`[data-key="${shown.slice(0, 12)}"]`).textContent()).toContain('revoked');
    expect((await fetch(`${h.url}/api/backend/v1/auth/whoami`, { headers: { 'x-api-key': shown } })).status).toBe(401);
  });

  it('is readable on a phone: 375 px wide, no sideways scrolling of the page, a menu', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })
    ).newPage();
    try {
      await signIn(phone, h.url, ADMIN_KEY);
      const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      // Once the page has settled (a chart sizes itself to its box after the first paint).
      await expect.poll(overflow).toBe(0);
      await screenshot(phone, 'phone-overview');
      await phone.getByRole('button', { name: 'Menu' }).click();
      await phone.getByRole('link', { name: 'Clients', exact: true }).click();
      await phone.getByTestId('clients-table').waitFor();
      await expect.poll(overflow).toBe(0);
      await screenshot(phone, 'phone-clients');
      // Installable: the manifest and its icons are served.
      const manifest = await (await fetch(`${h.url}/manifest.webmanifest`)).json();
      expect(manifest).toMatchObject({ display: 'standalone', start_url: '/' });
      for (const icon of manifest.icons) expect((await fetch(`${h.url}${icon.src}`)).status).toBe(200);
    } finally {
      await phone.close();
    }
  });
});
