import { describe, expect, it } from 'vitest';
import {
  COUNT_STATUSES,
  ForensicPhase,
  ForensicSeverity,
  IVA_CONDITIONS,
  Movement,
  ORDER_STATUSES,
  OVERRIDE_ACTIONS,
  PAYMENTS,
  REASONS,
  ROLES,
  WEEKDAYS,
} from '../contract';
import { formatCuit, formatDateIn, formatMoney, formatQuantity } from './format';
import * as labels from './labels';

const keys = (o: object) => Object.keys(o).sort();
const sorted = (list: readonly string[]) => [...list].sort();

describe('labels', () => {
  it('name every value of the contract, and nothing else', () => {
    expect(keys(labels.PHASE_LABEL)).toEqual(sorted(ForensicPhase.options));
    expect(keys(labels.SEVERITY_LABEL)).toEqual(sorted(ForensicSeverity.options));
    expect(keys(labels.ORDER_STATUS_LABEL)).toEqual(sorted(ORDER_STATUSES));
    expect(keys(labels.COUNT_STATUS_LABEL)).toEqual(sorted(COUNT_STATUSES));
    expect(keys(labels.REASON_LABEL)).toEqual(sorted(REASONS));
    expect(keys(labels.PAYMENT_LABEL)).toEqual(sorted(PAYMENTS));
    expect(keys(labels.MOVEMENT_KIND_LABEL)).toEqual(sorted(Movement.shape.kind.options));
    expect(keys(labels.ROLE_LABEL)).toEqual(sorted(ROLES));
    expect(keys(labels.WEEKDAY_SHORT)).toEqual(sorted(WEEKDAYS));
    expect(keys(labels.WEEKDAY_LABEL)).toEqual(sorted(WEEKDAYS));
    expect(keys(labels.OVERRIDE_LABEL)).toEqual(sorted(OVERRIDE_ACTIONS));
    expect(keys(labels.IVA_CONDITION_LABEL)).toEqual(sorted(IVA_CONDITIONS));
  });

  it('fall back to the code for a value newer than the list', () => {
    expect(labels.labelOf(labels.DOCUMENT_LABEL, 'ticket')).toBe('Ticket');
    expect(labels.labelOf(labels.DOCUMENT_LABEL, 'remito')).toBe('remito');
  });
});

describe('es-AR formatting', () => {
  it('reads as people here write it', () => {
    expect(formatMoney(123456)).toBe('$ 1.234,56');
    expect(formatMoney(-5)).toBe('-$ 0,05');
    expect(formatQuantity(1250, 'kg')).toBe('1,250 kg');
    expect(formatQuantity(3000, 'un')).toBe('3 un');
    expect(formatCuit('30712345671')).toBe('30-71234567-1');
    // 02:30 UTC is still the day before in Buenos Aires.
    expect(formatDateIn('2026-12-08T02:30:00Z', 'America/Argentina/Buenos_Aires')).toBe('07/12/2026');
  });
});
