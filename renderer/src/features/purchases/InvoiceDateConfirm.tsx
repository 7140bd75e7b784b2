import { ConfirmDialog } from '../../components/Dialog';

/**
 * The one question before posting an invoice dated over 30 days before it was
 * received, or after today (the core answers NEEDS_CONFIRMATION with the
 * sentence to show). Used by Recepción and Leer factura.
 */
export function InvoiceDateConfirm({ message, onCancel, onConfirm }: { message: string; onCancel(): void; onConfirm(): void }) {
  return (
    <ConfirmDialog title="¿La fecha de la factura es correcta?" confirmLabel="Sí, registrar" onCancel={onCancel} onConfirm={onConfirm}>
      <p>{message}</p>
    </ConfirmDialog>
  );
}
