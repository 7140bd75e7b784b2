/**
 * The Spanish words for the app's codes, one home for the screens, the core's
 * documents and the CLI. Keyed by the contract's values; labels.test.ts checks
 * every list against the contract (this module imports nothing).
 */

/** Forensic phases and severities (Forense, its PDF and HTML). */
export const PHASE_LABEL = { validacion: 'Validación', consistencia: 'Consistencia', patrones: 'Patrones', desempeno: 'Desempeño' } as const;
export const SEVERITY_LABEL = { alta: 'Alta', media: 'Media', baja: 'Baja' } as const;
/** What a finding's evidence counts (a column of its table). */
export const ENTITY_LABEL: Readonly<Record<string, string>> = { sku: 'Productos', user: 'Usuarios', ticket: 'Tickets', invoice: 'Facturas', supplier: 'Proveedores', category: 'Categorías' };

/** A purchase order's status. */
export const ORDER_STATUS_LABEL = { borrador: 'Borrador', enviada: 'Enviado', parcial: 'Recibido en parte', recibida: 'Recibido', anulada: 'Anulado' } as const;

/** A count session's status. */
export const COUNT_STATUS_LABEL = { abierto: 'Abierto', cerrado: 'Cerrado', aprobado: 'Aprobado', anulado: 'Anulado' } as const;

/** Why stock was adjusted. */
export const REASON_LABEL = { merma: 'Merma', rotura: 'Rotura', vencido: 'Vencido', robo: 'Robo', consumo: 'Consumo propio', correccion: 'Corrección' } as const;

/** How a ticket was paid. */
export const PAYMENT_LABEL = { efectivo: 'Efectivo', debito: 'Débito', credito: 'Crédito', qr: 'QR / billetera', cuenta: 'Cuenta corriente' } as const;

/** A stock movement's kind (the kardex), and the documents evidence points at. */
export const MOVEMENT_KIND_LABEL = { receipt: 'Recepción', sale: 'Venta', return: 'Devolución', adjustment: 'Ajuste', count: 'Conteo' } as const;
export const DOCUMENT_LABEL: Readonly<Record<string, string>> = { ...MOVEMENT_KIND_LABEL, ticket: 'Ticket' };

/** A user's role. */
export const ROLE_LABEL = { dueño: 'Dueño', encargado: 'Encargado', cajero: 'Cajero' } as const;

/** Weekdays, short (a supplier's order days) and whole. */
export const WEEKDAY_SHORT = { lun: 'Lu', mar: 'Ma', mie: 'Mi', jue: 'Ju', vie: 'Vi', sab: 'Sá', dom: 'Do' } as const;
export const WEEKDAY_LABEL = { lun: 'lunes', mar: 'martes', mie: 'miércoles', jue: 'jueves', vie: 'viernes', sab: 'sábado', dom: 'domingo' } as const;

/** What an encargado's PIN authorizes at the counter, as the person typing it reads it. */
export const OVERRIDE_LABEL = { 'vender-sin-stock': 'vender sin stock', precio: 'cambiar el precio o descontar', devolucion: 'la devolución' } as const;

/** The store's IVA condition as its documents print it. */
export const IVA_CONDITION_LABEL = { 'responsable-inscripto': 'IVA Responsable Inscripto', monotributo: 'Responsable Monotributo', exento: 'IVA Exento' } as const;

/** A label by code, the code itself when it has none (a value newer than this list). */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return labels[code] ?? code;
}
