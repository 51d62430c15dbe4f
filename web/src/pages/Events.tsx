// Being written.
export function Events() {
  return <main id="main" />;
}
