import { useId, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

interface DialogProps {
  title: ReactNode;
  /** Esc, the cancel button and a click outside the box (when `closeOnOverlay`). */
  onClose(): void;
  /**
   * Enter. Given, the dialog is a form: Enter in any field submits it (a
   * textarea keeps its Enter) and the confirm button is a submit button.
   */
  onSubmit?: () => void;
  children: ReactNode;
  /** What focus goes to on open; by default the first field or button inside. */
  initialFocus?: RefObject<HTMLElement | null>;
  size?: 'small' | 'medium' | 'wide';
  /** A line under the title (the product's name, what the dialog is about). */
  subtitle?: ReactNode;
  /** Extra class on the box (layouts of their own). */
  className?: string;
  closeOnOverlay?: boolean;
  /** A role="alertdialog" for questions that must be answered (confirmations). */
  alert?: boolean;
}

const FOCUSABLE = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Every overlay of the app: the shade, role="dialog" with its title, focus
 * moved in on open (first field, or `initialFocus`) and given back to what had
 * it on close, Tab kept inside, Esc closes, Enter confirms (as a form). One
 * place, so every dialog behaves the same under the keyboard and a screen reader.
 */
export function Dialog({ title, onClose, onSubmit, children, initialFocus, size = 'medium', subtitle, className, closeOnOverlay = false, alert = false }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLFormElement & HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  // Layout effect: focus is inside before the dialog is painted, so an Enter
  // typed the moment it shows answers the dialog, never the field behind it.
  useLayoutEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const target = initialFocus?.current ?? box.current?.querySelector<HTMLElement>('[autofocus]') ?? box.current?.querySelector<HTMLElement>(FOCUSABLE) ?? box.current;
    target?.focus();
    if (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') target.select();
    return () => {
      // Back to where the person was, if it is still on the page.
      if (before && document.contains(before)) before.focus();
    };
    // Focus moves once, on open.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only
  }, []);

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
    } else if (e.key === 'Tab' && box.current) {
      const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      if (items.length === 0) return;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  const common = {
    ref: box,
    className: `dialog dialog-${size}${className ? ` ${className}` : ''}`,
    role: alert ? 'alertdialog' : 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    tabIndex: -1,
    onKeyDown,
  } as const;
  const body = (
    <>
      <h2 id={titleId}>{title}</h2>
      {subtitle ? <p className="muted dialog-subtitle">{subtitle}</p> : null}
      {children}
    </>
  );
  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => closeOnOverlay && e.target === e.currentTarget && onClose()}>
      {onSubmit ? (
        <form
          {...common}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        <div {...common}>{body}</div>
      )}
    </div>
  );
}

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
}

/** A question asked once before something unusual or destructive: Enter says yes, Esc no. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Volver', onConfirm, onCancel, busy = false }: ConfirmDialogProps) {
  const yes = useRef<HTMLButtonElement>(null);
  return (
    <Dialog title={title} onClose={onCancel} onSubmit={onConfirm} size="small" alert initialFocus={yes}>
      <div className="dialog-text">{children}</div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel} <kbd>Esc</kbd>
        </button>
        <button ref={yes} type="submit" className="button button-primary" disabled={busy}>
          {confirmLabel} <kbd>Enter</kbd>
        </button>
      </footer>
    </Dialog>
  );
}
