import type { Core, WriteTx } from '../write';

/**
 * The consumer price index by month (INDEC's CPI, cpi.csv): what forensic
 * checks deflate supplier costs by, to tell a price rise above inflation from
 * inflation itself.
 */
export class CpiService {
  constructor(private readonly core: Core) {}

  /** The index of a month (`YYYY-MM`), or undefined. */
  get(month: string): number | undefined {
    return this.core.sql.raw.prepare('select index_value from cpi where month = ?').pluck().get(month) as number | undefined;
  }

  /** Sets a month's index inside the caller's transaction (a revised index replaces the old one). */
  setInTx(tx: WriteTx, month: string, index: number): void {
    tx.sql.run(
      tx.sql.q
        .insertInto('cpi')
        .values({ month, index_value: index })
        .onConflict((oc) => oc.column('month').doUpdateSet({ index_value: index })),
    );
  }
}
