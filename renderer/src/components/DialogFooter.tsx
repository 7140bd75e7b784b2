interface DialogFooterProps {
  onCancel(): void;
  cancelLabel?: string;
  confirmLabel: string;
  /** `submit` when the dialog is a form (Enter submits it); otherwise a button with onConfirm. */
  onConfirm?: () => void;
  busy?: boolean;
  busyLabel?: string;
}

/** The two buttons every dialog ends with: back (Esc) and confirm (Enter). */
export function DialogFooter({ onCancel, cancelLabel = 'Cancelar', confirmLabel, onConfirm, busy = false, busyLabel }: DialogFooterProps) {
  return (
    <footer className="dialog-footer">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel} <kbd>Esc</kbd>
      </button>
      <button type={onConfirm ? 'button' : 'submit'} className="button button-primary" onClick={onConfirm} disabled={busy}>
        {busy && busyLabel ? busyLabel : confirmLabel} <kbd>Enter</kbd>
      </button>
    </footer>
  );
}
