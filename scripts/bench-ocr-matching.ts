/**
 * Catalog matching for `npm run bench:ocr`: a store with the demo catalog,
 * suppliers whose invoices (generated, with their own codes and wording)
 * are read through dispatch; the first invoice of each supplier is confirmed
 * line by line as a person would, and the next ones are scored on whether
 * the first suggestion is the right product — before and after the
 * supplier has been seen.
 */
import { createApp } from '../main/app';
import { seedDemoStore } from '../main/demo';
import { demoCatalog } from '../main/demo/catalog';
import { foldForSearch } from '../main/domain/text';
import { syntheticInvoice, syntheticSupplier } from '../main/testing/synthetic-invoices';
import { memoryLogger } from '../main/logger';
import { systemSession } from '../main/session';
import { repoRoot, tempDir } from '../main/testing';
import type { InvoiceReading } from '../contract';

export async function benchCatalogMatching(): Promise<void> {
  const app = await createApp({ dataDir: tempDir('gondola-bench-match'), resourcesDir: repoRoot, logger: memoryLogger() });
  const session = systemSession('cli', 'bench');
  try {
    seedDemoStore(app, { days: 0 });
    await app.services.users.createUser({ name: 'bench', role: 'dueño', password: 'bench-password' }, { mustChange: false });
    const login = await app.dispatch('auth.login', { user: 'bench', password: 'bench-password' }, session);
    if (!login.ok) throw new Error('login');
    const catalog = demoCatalog();
    const productIdByName = new Map<string, string>();
    for (const row of app.core.sql.raw.prepare('select id, name from products').all() as { id: string; name: string }[]) productIdByName.set(foldForSearch(row.name), row.id);
    const expectedId = (index: number) => productIdByName.get(foldForSearch(catalog[index]!.name))!;

    const firstSeen: [number, number] = [0, 0];
    const afterSeen: [number, number] = [0, 0];
    for (let s = 0; s < 4; s++) {
      const supplier = syntheticSupplier(100 + s);
      const created = await app.dispatch('suppliers.create', { cuit: supplier.cuit, name: supplier.name }, session);
      if (!created.ok && created.error.code !== 'CONFLICT') throw new Error(JSON.stringify(created.error));
      // The supplier sells a range of 30 products; each invoice has 8 of them.
      const range = Array.from({ length: 30 }, (_, i) => (s * 37 + i * 3) % 120);
      for (let n = 0; n < 4; n++) {
        const { pdf, truth } = await syntheticInvoice({ seed: 1000 + s * 10 + n, supplier, products: range, lines: 8, letter: 'A', layout: (n % 3) as 0 | 1 | 2 });
        const read = await app.dispatch('invoices.read', { fileName: `f${s}-${n}.pdf`, base64: pdf.toString('base64') }, session);
        if (!read.ok) throw new Error(JSON.stringify(read.error));
        const reading = read.data as InvoiceReading;
        const score = n === 0 ? firstSeen : afterSeen;
        // Lines matched to the truth by quantity and amount (the reader's own errors are not matching errors).
        const confirmed: { productId: string; qty: number; unitCost: number; supplierCode?: string; description?: string }[] = [];
        for (const t of truth.lines) {
          const line = reading.lines.find((l) => l.qty === t.qty && l.amount === t.amount);
          const expected = expectedId(t.productIndex);
          score[1]++;
          if (line?.suggestions[0]?.productId === expected) score[0]++;
          confirmed.push({ productId: expected, qty: t.qty, unitCost: t.unitPrice, ...(line?.code ? { supplierCode: line.code } : {}), ...(line ? { description: line.description } : {}) });
        }
        const posted = await app.dispatch(
          'invoices.post',
          { supplierCuit: supplier.cuit, docType: 'A', pos: truth.header.pos, number: truth.header.number, date: truth.header.date, lines: confirmed },
          session,
        );
        if (!posted.ok && posted.error.code !== 'DUPLICATE_INVOICE') throw new Error(JSON.stringify(posted.error));
      }
    }
    const pct = ([right, total]: [number, number]) => `${((100 * right) / Math.max(1, total)).toFixed(0)}% (${right}/${total})`;
    console.log('\nCatalog matching — first suggestion right (demo catalog, 4 suppliers × 4 invoices of 8 lines)');
    console.log(`  supplier never seen (names only):          ${pct(firstSeen)}`);
    console.log(`  once the supplier has been seen:            ${pct(afterSeen)}`);
  } finally {
    app.close();
  }
}
