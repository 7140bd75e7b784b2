/** The red line above a form or list that says what went wrong; nothing when all is well. */
export function ErrorBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="banner banner-alert" role="alert">
      {message}
    </p>
  );
}
