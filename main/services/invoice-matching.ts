/**
 * Which catalog product an invoice line stands for, best first, each with its
 * reason: what this supplier's lines were confirmed as before (by code, then
 * by wording), a barcode on the line, then names that look alike (trigram and
 * word overlap, with sizes like "500 G" kept as one token).
 */
import type { InvoiceSuggestion } from '../../contract';
import { isValidBarcode } from '../domain/barcode';
import { foldForSearch } from '../domain/text';
import type { Core } from '../write';

interface CatalogEntry {
  id: string;
  sku: string;
  name: string;
  unit: string;
  words: Set<string>;
  grams: Set<string>;
}

/** The memory key of a line's wording: folded, punctuation dropped, sizes joined ("500 g" → "500g"). */
export function descriptionKey(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9%.,\s]/g, ' ')
    .replace(/(\d)[.,](?=\d)/g, '$1.')
    .replace(/(\d)\s+(g|gr|grs|kg|ml|cc|l|lt|lts|cm|mm|m|u|un|x)\b/g, '$1$2')
    .replace(/\b(grs?|gramos)\b/g, 'g')
    .replace(/\b(lts?|litros?)\b/g, 'l')
    .replace(/[.,](?!\d)/g, ' ')
    .replace(/(^|\s)x(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** Word overlap where an abbreviation ("play", from "PLAY.") matches the word it starts. */
function wordOverlap(line: Set<string>, product: Set<string>): number {
  if (line.size === 0 || product.size === 0) return 0;
  let common = 0;
  for (const word of line) {
    if (product.has(word) || (word.length >= 3 && !/\d/.test(word) && [...product].some((p) => p.startsWith(word)))) common++;
  }
  return (2 * common) / (line.size + product.size);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const item of a) if (b.has(item)) common++;
  return (2 * common) / (a.size + b.size);
}

export class InvoiceMatcher {
  private catalog: CatalogEntry[] | null = null;

  constructor(
    private readonly core: Core,
    private readonly supplierId: string | null,
  ) {}

  private entries(): CatalogEntry[] {
    if (this.catalog) return this.catalog;
    const rows = this.core.sql.all(
      this.core.sql.q.selectFrom('products').select(['id', 'sku', 'name', 'brand', 'unit']).where('active', '=', 1),
    );
    this.catalog = rows.map((r) => {
      const key = descriptionKey(`${r.name}`);
      return { id: r.id, sku: r.sku, name: r.name, unit: r.unit, words: new Set(key.split(' ')), grams: trigrams(key) };
    });
    return this.catalog;
  }

  private byId(id: string): CatalogEntry | undefined {
    return this.entries().find((e) => e.id === id);
  }

  private suggestion(entry: CatalogEntry, reason: InvoiceSuggestion['reason'], score: number): InvoiceSuggestion {
    return { productId: entry.id, sku: entry.sku, name: entry.name, unit: entry.unit, reason, score: Math.round(score * 100) / 100 };
  }

  suggest(line: { code: string | null; description: string }, limit = 3): InvoiceSuggestion[] {
    const out: InvoiceSuggestion[] = [];
    const add = (s: InvoiceSuggestion) => {
      if (!out.some((o) => o.productId === s.productId)) out.push(s);
    };
    const sql = this.core.sql;
    if (this.supplierId && line.code) {
      const linked = sql.first(
        sql.q.selectFrom('product_suppliers').select('product_id').where('supplier_id', '=', this.supplierId).where('supplier_code', '=', line.code),
      );
      const entry = linked && this.byId(linked.product_id);
      if (entry) add(this.suggestion(entry, 'código del proveedor', 1));
    }
    const key = descriptionKey(line.description);
    if (this.supplierId && key) {
      const remembered = sql.first(
        sql.q.selectFrom('supplier_item_memory').select('product_id').where('supplier_id', '=', this.supplierId).where('description_key', '=', key),
      );
      const entry = remembered && this.byId(remembered.product_id);
      if (entry) add(this.suggestion(entry, 'memoria', 0.98));
    }
    const barcodes = [line.code ?? '', ...line.description.split(/\s+/)].filter((c) => /^\d{8,14}$/.test(c) && isValidBarcode(c));
    for (const code of barcodes) {
      const found = sql.first(sql.q.selectFrom('product_barcodes').select('product_id').where('barcode', '=', code));
      const entry = found && this.byId(found.product_id);
      if (entry) add(this.suggestion(entry, 'código de barras', 0.97));
    }
    if (out.length < limit && key) {
      const words = new Set(key.split(' '));
      const grams = trigrams(key);
      const scored = this.entries()
        .map((entry) => ({ entry, score: 0.5 * dice(grams, entry.grams) + 0.5 * wordOverlap(words, entry.words) }))
        .filter((s) => s.score >= 0.3)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      for (const { entry, score } of scored) add(this.suggestion(entry, 'nombre parecido', Math.min(0.95, score)));
    }
    return out.slice(0, limit);
  }
}
