import type { Payment } from '../../contract';

/** A split ticket's own method: the part that paid most (the first of equals). Pure. */
export function mainMethod(parts: readonly { method: Payment; amount: number }[]): Payment {
  return parts.reduce((best, p) => (p.amount > best.amount ? p : best), parts[0]!).method;
}
