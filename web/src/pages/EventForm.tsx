// Being written.
export function EventForm() {
  return <main id="main" />;
}
