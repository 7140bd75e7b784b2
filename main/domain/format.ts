/**
 * es-AR money for text the core writes itself (command-line output, printed
 * documents): "$ 1.234,56". The screens have their own copy in
 * renderer/src/lib/format.ts, which may not import main/. Pure.
 */
export function formatPesos(centavos: number): string {
  const abs = Math.abs(centavos);
  return `${centavos < 0 ? '-' : ''}$ ${String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${String(abs % 100).padStart(2, '0')}`;
}

/** A share as es-AR percent text: 0.123 → "12,3 %". */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits).replace('.', ',')} %`;
}

/** A store date as people read it: "2026-11-22" → "22/11/2026". */
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
