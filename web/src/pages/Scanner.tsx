// Being written.
export function Scanner() {
  return <main id="main" />;
}
