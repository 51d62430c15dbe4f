// Being written.
export function Attendee() {
  return <main id="main" />;
}
