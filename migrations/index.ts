import * as m0001 from './0001_initial';
import * as m0002 from './0002_ledger';
import * as m0003 from './0003_security';
import * as m0004 from './0004_invoices';
import * as m0005 from './0005_forecast';
import * as m0006 from './0006_forensic';
import * as m0007 from './0007_forensic_history';
import * as m0008 from './0008_counter';
import * as m0009 from './0009_counter_prices';
import type { Migration } from './types';

export type { Migration } from './types';

/**
 * Every migration, in order. Append only: a landed entry is never edited,
 * reordered or removed, because stores in the field have already run it.
 */
export const migrations: readonly Migration[] = [
  { name: '0001_initial', up: m0001.up },
  { name: '0002_ledger', up: m0002.up },
  { name: '0003_security', up: m0003.up },
  { name: '0004_invoices', up: m0004.up },
  { name: '0005_forecast', up: m0005.up },
  { name: '0006_forensic', up: m0006.up },
  { name: '0007_forensic_history', up: m0007.up },
  { name: '0008_counter', up: m0008.up },
  { name: '0009_counter_prices', up: m0009.up },
];
