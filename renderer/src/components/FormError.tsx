/**
 * What went wrong with a form as a whole (the server refused it, a conflict),
 * above its fields; announced to screen readers. Nothing when all is well.
 * Field errors go beside their field (Field.tsx).
 */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
