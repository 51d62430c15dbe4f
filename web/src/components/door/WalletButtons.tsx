// "Add to Apple Wallet" / "Add to Google Wallet" on the attendee's ticket,
// only for the wallets the server has credentials for (the ticket's
// `wallets`). Apple's pass is a file Safari opens; Google's is a signed link
// fetched on demand.
import { useState } from "react";
import { api } from "../../api/client";
import type { PublicTicketResponse } from "../../api/types";
import { useI18n } from "../../i18n";
import { ErrorBanner } from "../ui";

type Wallets = PublicTicketResponse["wallets"] | undefined;

export function WalletButtons({ wallets, base }: { wallets: Wallets; base: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // A copy saved by an older version of the page has no `wallets`.
  if (!wallets || (!wallets.apple && !wallets.google)) return null;

  async function google() {
    setBusy(true);
    setError(null);
    try {
      const link = await api.json<{ url: string }>(`${base}/google-wallet`, { noRefresh: true });
      window.location.assign(link.url);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <nav className="ticket-links ticket-wallets" aria-label={t("door.ticket.wallets")}>
      {wallets.apple && (
        <a className="button" href={`${base}/wallet.pkpass`} data-testid="wallet-apple">
          {t("door.ticket.appleWallet")}
        </a>
      )}
      {wallets.google && (
        <button type="button" disabled={busy} onClick={() => void google()} data-testid="wallet-google">
          {t("door.ticket.googleWallet")}
        </button>
      )}
      <ErrorBanner error={error} />
    </nav>
  );
}
