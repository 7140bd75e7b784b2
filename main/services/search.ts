import { sql, type RawBuilder } from 'kysely';
import { escapeLike, foldForSearch } from '../domain/text';

/**
 * What a product search box means, for every list that has one (catalog,
 * stock): all the words in the name/brand/category (accents and case
 * ignored), or a sku prefix, or an exact barcode. Filters on `products`.
 */
export function productTextFilter(text: string): RawBuilder<boolean> {
  const words = foldForSearch(text)
    .split(' ')
    .filter(Boolean)
    .map((w) => sql`products.search_text like ${`%${escapeLike(w)}%`} escape '\\'`);
  // Text that folds to nothing (only accents) puts no condition on the name.
  const allWords = words.length > 0 ? sql.join(words, sql` and `) : sql`1 = 1`;
  return sql<boolean>`((${allWords})
    or products.sku_key like ${`${escapeLike(text.toUpperCase())}%`} escape '\\'
    or products.id in (select product_id from product_barcodes where barcode = ${text}))`;
}
