/**
 * Supplier invoices: reading a document (in the reader's worker thread) into
 * an InvoiceReading with catalog suggestions and page images, and posting a
 * reviewed one as a receipt — one transaction that also remembers, for that
 * supplier, which product each line's code and wording stand for.
 */
import type { InvoiceReading, MethodParsedInput, Receipt } from '../../contract';
import { normalizeCuit } from '../domain/cuit';
import type { Extraction } from '../invoices';
import type { InvoiceReaderThread } from '../invoices/thread';
import { write, type Core } from '../write';
import { descriptionKey, InvoiceMatcher } from './invoice-matching';
import { findReceivedInvoice, type ReceiptService } from './receipts';
import type { SettingsService } from './settings';

export class InvoiceService {
  constructor(
    private readonly core: Core,
    private readonly settings: SettingsService,
    private readonly receipts: ReceiptService,
    private readonly reader: () => InvoiceReaderThread,
    /** Ends the reader's worker thread (and the OCR engines and page images it holds). */
    private readonly releaseReader: () => void = () => {},
    private readonly idleMs = 60_000,
  ) {}

  private idle: ReturnType<typeof setTimeout> | null = null;

  private reading = 0;

  /** Reads in progress by their caller-chosen id, for invoices.cancel. */
  private readonly running = new Map<string, AbortController>();

  async read(input: MethodParsedInput<'invoices.read'>): Promise<InvoiceReading> {
    const bytes = Buffer.from(input.base64, 'base64');
    const ownCuit = this.settings.get().storeCuit;
    const started = performance.now();
    const controller = new AbortController();
    if (input.requestId) this.running.set(input.requestId, controller);
    if (this.idle) clearTimeout(this.idle);
    this.reading++;
    let result;
    try {
      result = await this.reader().read(new Uint8Array(bytes), { ownCuit: ownCuit ? normalizeCuit(ownCuit) : null, previews: true }, controller.signal);
    } finally {
      if (input.requestId) this.running.delete(input.requestId);
      this.reading--;
      // A minute without reading: the worker and what it holds (OCR engines, page images: hundreds of MB)
      // go, instead of staying with the core for good; the next read starts a fresh one.
      if (this.reading === 0) {
        this.idle = setTimeout(() => {
          this.idle = null;
          if (this.reading === 0) this.releaseReader();
        }, this.idleMs);
        this.idle.unref?.();
      }
    }
    const { extraction, previews } = result;
    this.core.logger.log('info', 'invoice read', { file: input.fileName, bytes: bytes.length, ms: Math.round(performance.now() - started), sources: extraction.sources, confidence: extraction.confidence });
    return this.present(input.fileName, extraction, previews);
  }

  cancel(input: MethodParsedInput<'invoices.cancel'>): { cancelled: boolean } {
    const controller = this.running.get(input.requestId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** Adds what the store knows: the supplier, a previous receipt of the same invoice, product suggestions, costs. */
  present(fileName: string, extraction: Extraction, previews: { png: Buffer; width: number; height: number }[]): InvoiceReading {
    const { sql } = this.core;
    const header = extraction.header;
    const supplier = header.cuit ? (sql.first(sql.q.selectFrom('suppliers').select(['id', 'cuit', 'name']).where('cuit', '=', header.cuit)) ?? null) : null;
    let duplicateOf: InvoiceReading['duplicateOf'] = null;
    if (supplier && header.letter && header.pos !== null && header.number !== null) {
      const found = findReceivedInvoice(sql, { supplierId: supplier.id, docType: header.letter as Receipt['docType'], pos: header.pos, number: header.number });
      if (found) duplicateOf = { receiptId: found.id, date: found.date, postedAt: found.posted_at };
    }
    const matcher = new InvoiceMatcher(this.core, supplier?.id ?? null);
    const pricesIncludeIva = header.letter === 'B' || header.letter === 'C';
    return {
      fileName,
      header: { ...header },
      fieldConfidence: extraction.fieldConfidence as Record<string, number>,
      fieldBoxes: extraction.fieldBoxes as InvoiceReading['fieldBoxes'],
      lines: extraction.lines.map((line) => {
        let unitCost: number | null = null;
        if (line.unitPrice !== null) {
          const afterDiscount = line.unitPrice * (1 - (line.discount ?? 0) / 100);
          unitCost = Math.round(pricesIncludeIva ? afterDiscount / (1 + (line.ivaRate ?? 21) / 100) : afterDiscount);
        }
        return { ...line, unitCost, suggestions: matcher.suggest(line) };
      }),
      checks: extraction.checks,
      sources: extraction.sources,
      confidence: extraction.confidence,
      warnings: extraction.warnings,
      pages: previews.map((p) => ({ dataUrl: `data:image/png;base64,${p.png.toString('base64')}`, width: p.width, height: p.height })),
      supplier,
      duplicateOf,
      timingsMs: extraction.timingsMs,
    };
  }

  post(input: MethodParsedInput<'invoices.post'>, actor: string | null): Receipt {
    const receivedOn = this.receipts.receivedOn(input);
    const id = write(this.core, (tx) => {
      const receiptId = this.receipts.postInTx(
        tx,
        {
          supplierCuit: input.supplierCuit,
          docType: input.docType,
          pos: input.pos,
          number: input.number,
          date: input.date,
          receivedOn,
          printed: { ...input.printed, total: input.total },
          lines: input.lines.map(({ productId, qty, unitCost, ivaRate, lot, expiry }) => ({ productId, qty, unitCost, ivaRate, lot, expiry })),
        },
        actor,
      );
      const supplierId = tx.sql.first(tx.sql.q.selectFrom('receipts').select('supplier_id').where('id', '=', receiptId))!.supplier_id;
      const learned: [string, string | null, string | null][] = [];
      for (const line of input.lines) {
        if (line.supplierCode) {
          // The code now stands for this product; a link that said otherwise was a mistake and is moved.
          tx.sql.run(
            tx.sql.q
              .updateTable('product_suppliers')
              .set({ supplier_code: null })
              .where('supplier_id', '=', supplierId)
              .where('supplier_code', '=', line.supplierCode)
              .where('product_id', '!=', line.productId),
          );
          tx.sql.run(
            tx.sql.q
              .insertInto('product_suppliers')
              .values({ product_id: line.productId, supplier_id: supplierId, supplier_code: line.supplierCode, pack_size: 1 })
              .onConflict((oc) => oc.columns(['product_id', 'supplier_id']).doUpdateSet({ supplier_code: line.supplierCode! })),
          );
        }
        const key = line.description ? descriptionKey(line.description) : '';
        if (key) {
          tx.sql.run(
            tx.sql.q
              .insertInto('supplier_item_memory')
              .values({ supplier_id: supplierId, description_key: key.slice(0, 300), product_id: line.productId, confirmations: 1, updated_at: tx.now })
              .onConflict((oc) =>
                oc.columns(['supplier_id', 'description_key']).doUpdateSet((eb) => ({
                  product_id: line.productId,
                  updated_at: tx.now,
                  confirmations: eb.case().when('supplier_item_memory.product_id', '=', line.productId).then(eb('supplier_item_memory.confirmations', '+', 1)).else(1).end(),
                })),
          ));
        }
        learned.push([line.productId, line.supplierCode ?? null, key || null]);
      }
      tx.audit({
        entity: 'receipt',
        id: receiptId,
        after: { supplierCuit: input.supplierCuit, docType: input.docType, pos: input.pos, number: input.number, date: input.date, receivedOn, printedTotal: input.total ?? null, fromInvoice: true, learned },
      });
      tx.emit('products.changed', { ids: [...new Set(input.lines.map((l) => l.productId))] });
      return receiptId;
    });
    return this.receipts.get(id);
  }
}
