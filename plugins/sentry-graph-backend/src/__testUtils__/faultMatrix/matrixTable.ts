import { matrixCells, type MatrixFault } from './matrixFaults';
import type { MatrixKind } from './matrixKinds';

/**
 * The matrix as docs/safety.md shows it, one row per fault and one column
 * per listing, each cell the run's status ("—" where a fault has no meaning):
 * rendered from the suite's own table, so the docs cannot drift from it.
 */
export function matrixTable(
  kinds: readonly MatrixKind[],
  faults: readonly MatrixFault[],
): string {
  const cells = new Set(
    matrixCells(kinds, faults).map(
      ({ kind, fault }) => `${kind.name}|${fault.name}`,
    ),
  );
  const row = (columns: string[]) => `| ${columns.join(' | ')} |`;
  return [
    row([
      'fault',
      'retried',
      ...kinds.map(kind => kind.name),
      'the message says',
    ]),
    row(['---', '---', ...kinds.map(() => '---'), '---']),
    ...faults.map(fault =>
      row([
        fault.name,
        fault.retried ? 'yes' : 'no',
        ...kinds.map(kind =>
          cells.has(`${kind.name}|${fault.name}`) ? `\`${kind.status}\`` : '—',
        ),
        fault.says,
      ]),
    ),
  ].join('\n');
}
