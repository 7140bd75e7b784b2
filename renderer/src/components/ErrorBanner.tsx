/** A paragraph announced to screen readers; nothing when there is no message. */
function Alert({ className, message }: { className: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className={className} role="alert">
      {message}
    </p>
  );
}

/** The red line above a form or list that says what went wrong; nothing when all is well. */
export function ErrorBanner({ message }: { message: string | null | undefined }) {
  return <Alert className="banner banner-alert" message={message} />;
}

/**
 * What went wrong with a form as a whole (the server refused it, a conflict),
 * above its fields, inside a dialog. Field errors go beside their field (Field.tsx).
 */
export function FormError({ message }: { message: string | null | undefined }) {
  return <Alert className="form-error" message={message} />;
}
