import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSources, findCycles, findFatHandlers, findViolations, importsOf } from './check-imports';

const rules = (path: string, source: string) => findViolations([{ path, source }]).map((v) => v.rule);

describe('import rules', () => {
  it('finds static, dynamic, re-export and require imports, ignoring comments', () => {
    const source = `import a from 'a';\nimport type { B } from "b";\nexport * from './c';\nconst d = await import('d');\nconst e = require('e');\nimport 'f';\n// import x from 'commented';\n/* require('also-commented') */`;
    expect(importsOf(source).sort()).toEqual(['./c', 'a', 'b', 'd', 'e', 'f']);
    const multiline = `import {\n  a,\n  b,\n} from './multi';\nconst message = 'importalo con gondola import';\nconst other = "tomado from 'nowhere'";`;
    expect(importsOf(multiline)).toEqual(['./multi']);
  });

  it('allows electron only in main/electron/ and preload/', () => {
    expect(rules('main/electron/main.ts', "import { app } from 'electron';")).toEqual([]);
    expect(rules('preload/index.ts', "import { ipcRenderer } from 'electron';")).toEqual([]);
    expect(rules('main/services/products.ts', "import type { App } from 'electron';")).toEqual([
      'only main/electron/ and preload/ may import electron',
    ]);
    expect(rules('renderer/src/x.ts', "import { ipcRenderer } from 'electron';")).toContain(
      'only main/electron/ and preload/ may import electron',
    );
  });

  it('keeps the renderer on contract/ and UI packages', () => {
    expect(rules('renderer/src/a.tsx', "import { api } from '../../contract';\nimport { create } from 'zustand';")).toEqual([]);
    expect(rules('renderer/src/a.tsx', "import { createApp } from '../../main/app';")).toEqual([
      'renderer/ may import only renderer/, contract/ and locale/',
    ]);
    expect(rules('renderer/src/a.tsx', "import { readFileSync } from 'node:fs';")).toEqual(['renderer/ may not import the package "fs"']);
  });

  it('keeps migrations on kysely, contract on zod, and the domain free of I/O', () => {
    expect(rules('migrations/0002_x.ts', "import { sql } from 'kysely';")).toEqual([]);
    expect(rules('migrations/0002_x.ts', "import { foldForSearch } from '../main/domain/text';")).toEqual([
      'migrations/ may import only migrations/',
    ]);
    expect(rules('contract/x.ts', "import { v7 } from 'uuid';")).toEqual(['contract/ may import only zod']);
    expect(rules('main/domain/money.ts', "import { readFileSync } from 'node:fs';")).toEqual(['main/domain/ does no I/O ("fs")']);
    expect(rules('main/domain/money.ts', "import { Sql } from '../db/sql';")).toEqual([
      'main/domain/ may import only main/domain/, contract/ and locale/',
    ]);
  });

  it('keeps the composition root on top and the storeless modules off the interchange', () => {
    expect(rules('main/interchange/import.ts', "import type { App } from '../app';")).toEqual(['only main/cli/, main/electron/, main/bridge/, main/demo/, scripts/ and the test helpers import main/app.ts']);
    expect(rules('main/cli/run.ts', "import { createApp } from '../app';")).toEqual([]);
    expect(rules('main/services/x.int.test.ts', "import { openTestApp } from '../testing';")).toEqual([]);
    const storeless = 'main/forecast/, main/invoices/ and main/forensic/ never import main/interchange/ or main/services/';
    expect(rules('main/forecast/sales-file.ts', "import type { DailySales } from '../interchange';")).toEqual([storeless]);
    expect(rules('main/forensic/job.ts', "import { AuditLog } from '../services/audit';")).toEqual([storeless]);
    expect(rules('main/forensic/job.ts', "import { AuditLog } from '../write';")).toEqual([]);
  });

  it('keeps security/ to hashing and grants: users and sessions are services', () => {
    expect(rules('main/security/passwords.ts', "import { write } from '../write';")).toEqual(['main/security/ (password hashing, counter grants) may import only main/security/, main/domain/ and contract/']);
    expect(rules('main/security/grants.ts', "import type { OverrideAction } from '../../contract';")).toEqual([]);
  });

  it('wants every handler to be one call of one service', () => {
    const source = [
      "    'system.info': () => services.system.info(),",
      "    'sales.close': (input, { session }) => services.sales.close(input, session.user, session.id),",
      "    'stock.adjust': (input, { session }) => services.adjustments.adjust(input, actor(session)),",
      "    'sales.draft': (_input, { session }) => services.drafts.get(actor(session)!),",
      "    'users.list': () => ({ items: services.users.list() }),",
      "    'import.run': (input, { session }) => imports.run(input, actor(session)),",
      "    'purchaseOrders.pdf': (input) => purchaseOrderPdf(services.purchaseOrders.get(input.id), services.settings.get(), core.clock.now()),",
      "    'audit.head': () => core.audit.head(),",
    ].join('\n');
    expect(findFatHandlers('main/api/handlers.ts', source).map((v) => v.specifier)).toEqual(['purchaseOrders.pdf', 'audit.head']);
  });

  it('keeps locale/ free of imports, and open to every side', () => {
    expect(rules('locale/format.ts', "import type { Payment } from '../contract';")).toEqual(['locale/ (labels and es-AR formatting, shared by every side) imports nothing']);
    expect(rules('locale/format.ts', "import { format } from 'date-fns';")).toEqual(['locale/ (labels and es-AR formatting, shared by every side) imports nothing']);
    expect(rules('renderer/src/lib/format.ts', "export { formatMoney } from '../../../locale';")).toEqual([]);
    expect(rules('main/reports/forensic.ts', "import { PHASE_LABEL } from '../../locale';")).toEqual([]);
  });

  it('keeps the generators of synthetic data out of production code', () => {
    const rule = 'main/testing/ (test helpers and generators of synthetic data) is for tests, benchmarks and e2e only';
    expect(rules('main/forecast/index.ts', "export { syntheticPanel } from '../testing/synthetic-demand';")).toEqual([rule]);
    expect(rules('main/cli/run.ts', "import { syntheticInvoice } from '../testing/synthetic-invoices';")).toEqual([rule]);
    expect(rules('main/cli/ocr.int.test.ts', "import { syntheticInvoice } from '../testing/synthetic-invoices';")).toEqual([]);
    expect(rules('main/testing/index.ts', "import { createApp } from '../app';")).toEqual([]);
    expect(rules('scripts/bench-ocr.ts', "import { syntheticInvoice } from '../main/testing/synthetic-invoices';")).toEqual([]);
  });

  it('keeps the write path below the use-cases', () => {
    const below = 'main/write/ sits below the use-cases: it may import only main/write/, main/db/, main/domain/, main/events, main/logger, main/runtime and contract/';
    expect(rules('main/write/sales-bulk.ts', "import type { SaleRow } from '../interchange/files';")).toEqual([below]);
    expect(rules('main/write/core.ts', "import { SettingsService } from '../services/settings';")).toEqual([below]);
    expect(rules('main/write/core.ts', "import type { EventBus } from '../events';")).toEqual([]);
    expect(rules('main/write/ledger.ts', "import { allocateFefo } from '../domain/ledger';")).toEqual([]);
    expect(rules('main/write/core.ts', "import type { EventName } from '../../contract';")).toEqual([]);
  });

  it('finds import cycles between files, type imports included', () => {
    const cycle = findCycles([
      { path: 'main/a.ts', source: "import type { B } from './b';" },
      { path: 'main/b.ts', source: "import { c } from './c';" },
      { path: 'main/c.ts', source: "import type { A } from './a';" },
      { path: 'main/d.ts', source: "import { a } from './a';" },
    ]);
    expect(cycle).toEqual([{ path: 'main/a.ts', specifier: 'main/b.ts, main/c.ts', rule: 'import cycle among 3 files: main/a.ts → main/b.ts → main/c.ts' }]);
    expect(findCycles([{ path: 'main/a.ts', source: "import { b } from './b';" }, { path: 'main/b.ts', source: "import { c } from './dir';" }, { path: 'main/dir/index.ts', source: '' }])).toEqual([]);
  });

  it('holds for the whole repository', () => {
    const files = collectSources(resolve(import.meta.dirname, '..'));
    expect(files.length).toBeGreaterThan(30);
    expect(findViolations(files)).toEqual([]);
    expect(findCycles(files)).toEqual([]);
  });
});
