/*
 * The catalog join in the change history: a link between a Sentry project,
 * team or member and a catalog entity, made or broken, is recorded once on
 * the Sentry end; the first join, which links everything, records none.
 */
import type { RecordedChange } from '../sync/changes/RunChanges';
import { acmeCatalog } from '../__testUtils__/catalogFixture';
import { useAcmeEnvironment } from '../__testUtils__/acmeEnvironment';
import { runTestSync } from '../__testUtils__/syncHarness';

const env = useAcmeEnvironment();

async function runRecording(
  options: Parameters<typeof acmeCatalog>[0] = {},
): Promise<RecordedChange[]> {
  const changes: RecordedChange[] = [];
  const result = await runTestSync(env.sentry, env.graph, {
    catalog: { entities: acmeCatalog(options) },
    onChanges: batch => changes.push(...batch),
  });
  expect(result.status).toBe('succeeded');
  return changes.filter(change => change.change === 'catalog');
}

describe('catalog links in the change history', () => {
  it('records a link broken and made again, once each, and nothing for the first join', async () => {
    expect(await runRecording()).toEqual([]);

    const acme = { id: '1001', slug: 'acme' };
    const checkout = {
      organization: acme,
      kind: 'project',
      entity: { id: '4001', name: 'api' },
      change: 'catalog',
      field: 'entityRef',
    };
    expect(await runRecording({ withoutCheckoutAnnotation: true })).toEqual([
      { ...checkout, before: 'component:default/checkout-api', after: null },
    ]);
    expect(await runRecording()).toEqual([
      { ...checkout, before: null, after: 'component:default/checkout-api' },
    ]);
    // Unchanged: nothing.
    expect(await runRecording()).toEqual([]);
  });
});
