// A render error shows a sentence and a reload button instead of blanking the
// whole app; moving to another page (a new `resetKey`) tries again.
import { Component, type ErrorInfo, type ReactNode } from "react";
import { useI18n } from "../i18n";

interface Props {
  children: ReactNode;
  /** A change (e.g. the page's path) clears a caught error. */
  resetKey: string;
}

interface State {
  failedAt: string | null;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { failedAt: null };

  static getDerivedStateFromError(): Partial<State> {
    return { failedAt: "" };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.failedAt === "") return { failedAt: props.resetKey };
    if (state.failedAt !== null && state.failedAt !== props.resetKey) return { failedAt: null };
    return null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("page failed to render", error, info.componentStack);
  }

  render() {
    return this.state.failedAt === null ? this.props.children : <Crashed />;
  }
}

function Crashed() {
  const { t } = useI18n();
  return (
    <main id="main">
      <div className="banner banner-error" role="alert">
        {t("app.crashed")}
      </div>
      <button type="button" onClick={() => window.location.reload()}>
        {t("app.reload")}
      </button>
    </main>
  );
}
