import { Neo4jError } from 'neo4j-driver';
import { withTransientRetries } from './transientRetries';

const deadlock = () =>
  new Neo4jError(
    'ForsetiClient can not acquire lock: a deadlock was detected',
    'Neo.TransientError.Transaction.DeadlockDetected',
    '50N42',
    'error: general processing exception',
  );
const syntaxError = () =>
  new Neo4jError(
    'Invalid input',
    'Neo.ClientError.Statement.SyntaxError',
    '42001',
    'error: syntax error or access rule violation',
  );

it('tries a transaction Neo4j failed with a deadlock again, about a second later', async () => {
  const attempts: number[] = [];
  const result = await withTransientRetries(async () => {
    attempts.push(Date.now());
    if (attempts.length === 1) throw deadlock();
    return 'written';
  }, 10_000);
  expect(result).toBe('written');
  expect(attempts).toHaveLength(2);
  // 1 s with the driver's ±20% jitter.
  expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(790);
  expect(attempts[1] - attempts[0]).toBeLessThan(1_300);
});

it('throws an error that is not transient at once, without trying again', async () => {
  let attempts = 0;
  await expect(
    withTransientRetries(async () => {
      attempts += 1;
      throw syntaxError();
    }, 10_000),
  ).rejects.toThrow('Invalid input');
  expect(attempts).toBe(1);
});

it('gives up with the last error once the retry time has passed', async () => {
  const started = Date.now();
  let attempts = 0;
  await expect(
    withTransientRetries(async () => {
      attempts += 1;
      throw deadlock();
    }, 1_500),
  ).rejects.toThrow('deadlock was detected');
  // At 0 s, about 1 s, and once more when the 1.5 s are up.
  expect(attempts).toBe(3);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
  expect(Date.now() - started).toBeLessThan(2_500);
});
