import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App";
import { I18nProvider } from "./i18n";
import { preferLocales } from "./lib/format";
import { registerServiceWorker, reloadOnStaleChunks } from "./pwa/register";
import { SessionProvider } from "./session";
import "./styles.css";

preferLocales(navigator.languages);
reloadOnStaleChunks();
registerServiceWorker();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
