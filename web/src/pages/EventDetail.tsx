// Being written.
export function EventDetail() {
  return <main id="main" />;
}
