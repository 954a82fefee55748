import type { GraphChange } from '@sentry-graph/plugin-sentry-graph-common';
import {
  aliceLost2fa,
  change,
  ruleDeleted,
  webLostBackend,
} from '../__testUtils__/changeFixtures';
import { beforeAfterText, changeSentence, sentenceText } from './changeWords';

const backend = { kind: 'team' as const, id: '3001', name: 'backend' };

/** Each change, and what the card says of it. */
const SENTENCES: Array<[GraphChange, string]> = [
  [change(), 'carol@acme.test became owner (was member)'],
  [aliceLost2fa(), 'alice@acme.test lost 2FA'],
  [
    change({ change: '2fa', field: 'has_2fa', before: false, after: true }),
    'carol@acme.test turned 2FA on',
  ],
  [
    change({ change: 'added', field: 'role', before: null, after: 'member' }),
    'carol@acme.test joined the organization as member',
  ],
  [
    change({
      change: 'removed',
      field: undefined,
      before: undefined,
      after: undefined,
    }),
    'carol@acme.test left the organization',
  ],
  [
    change({
      change: 'membership',
      field: undefined,
      before: null,
      after: 'admin',
      related: backend,
    }),
    'carol@acme.test joined #backend as admin',
  ],
  [
    change({
      change: 'membership',
      field: undefined,
      before: 'contributor',
      after: null,
      related: backend,
    }),
    'carol@acme.test left #backend',
  ],
  [
    change({
      change: 'team-role',
      field: 'role',
      before: 'contributor',
      after: 'admin',
      related: backend,
    }),
    'carol@acme.test became admin of #backend (was contributor)',
  ],
  [
    change({
      change: 'invite',
      field: 'pending',
      before: 'pending',
      after: 'accepted',
    }),
    'carol@acme.test accepted the invite',
  ],
  [
    change({
      change: 'sso',
      field: 'sso_linked',
      before: false,
      after: true,
    }),
    'carol@acme.test linked SSO',
  ],
  [webLostBackend(), 'Project web lost team #backend'],
  [ruleDeleted(), 'Alert rule Errors in web was deleted'],
  [
    change({
      kind: 'alertRule',
      entity: { id: '6002', name: 'Slow pages' },
      change: 'status',
      field: 'status',
      before: 'active',
      after: 'disabled',
    }),
    'Alert rule Slow pages was disabled',
  ],
  [
    change({
      kind: 'alertRule',
      entity: { id: '6001', name: 'New issues' },
      change: 'changed',
      field: 'frequency',
      before: 1800,
      after: 60,
    }),
    'Alert rule New issues: frequency changed from 1,800 s to 60 s',
  ],
  [
    change({
      kind: 'release',
      entity: { id: '1', name: 'acme' },
      change: 'count',
      field: 'archived',
      before: null,
      after: 1,
    }),
    '1 release archived in acme',
  ],
  [
    change({
      kind: 'organization',
      entity: { id: '1', name: 'acme' },
      change: 'initial-import',
      field: 'written',
      before: null,
      after: 36420,
    }),
    'First sync of acme: 36,420 nodes and relationships written',
  ],
];

describe('a change in words', () => {
  it.each(SENTENCES.map(([given, words]) => [words, given] as const))(
    'says "%s"',
    (words, given) => {
      expect(sentenceText(given)).toBe(words);
    },
  );

  it('keeps the entities apart from the words, so they can be links', () => {
    expect(changeSentence(webLostBackend())).toEqual([
      'Project ',
      { entity: 'entity' },
      ' lost team ',
      { entity: 'related' },
    ]);
  });

  it('writes before → after in words, naming the setting that changed', () => {
    expect(beforeAfterText(change())).toBe('member → owner');
    expect(beforeAfterText(aliceLost2fa())).toBe('on → off');
    expect(beforeAfterText(webLostBackend())).toBe('backend → none');
    expect(beforeAfterText(ruleDeleted())).toBe('—');
    expect(
      beforeAfterText(
        change({
          kind: 'alertRule',
          change: 'changed',
          field: 'environment',
          before: null,
          after: 'staging',
        }),
      ),
    ).toBe('environment: none → staging');
    expect(
      beforeAfterText(
        change({
          change: 'added',
          field: 'role',
          before: null,
          after: 'owner',
        }),
      ),
    ).toBe('role: owner');
  });

  it('still says something of a change this frontend has no words for', () => {
    expect(
      sentenceText(
        change({
          kind: 'team',
          entity: { id: '3001', name: 'backend' },
          change: 'changed',
          field: 'slug',
          before: 'backend',
          after: 'core',
        }),
      ),
    ).toBe('#backend: changed slug: backend → core');
  });
});
