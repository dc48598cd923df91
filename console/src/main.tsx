import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, staffKey, whenUnauthorized } from "./api";
import { setStoreCurrency } from "./format";
import { follow, navigate, parse, root, useLocation } from "./router";
import { SignIn } from "./pages/SignIn";
import { Queue } from "./pages/Queue";
import { IncidentPage } from "./pages/IncidentPage";
import { Reports } from "./pages/Reports";
import { SparePartsPage } from "./pages/SparePartsPage";
import { SignedInAs } from "./pages/StaffPanel";
import "./styles.css";

function signInUrl() {
  const back = location.pathname + location.search;
  return `${root}/sign-in?back=${encodeURIComponent(back)}`;
}

whenUnauthorized(() => navigate(signInUrl(), true));

function App() {
  const { pathname, search } = useLocation();
  const route = parse(pathname);
  const signedIn = staffKey.get() !== null;

  useEffect(() => {
    if (!signedIn && route.page !== "sign-in") navigate(signInUrl(), true);
  }, [signedIn, route.page]);

  // Amounts are written in the store's currency: re-render once it is known.
  const [, setCurrency] = useState<string | null>(null);
  useEffect(() => {
    if (signedIn) api.settings().then((s) => { setStoreCurrency(s.currency); setCurrency(s.currency); }).catch(() => {});
  }, [signedIn]);

  // A new page: its heading takes the focus, so keyboard and screen-reader users start at the top.
  useEffect(() => {
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [pathname]);

  const signOut = () => {
    staffKey.clear();
    navigate(`${root}/sign-in`);
  };

  return (
    <div onClick={(e) => follow(e as unknown as MouseEvent)}>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <a class="brand" href={`${root}/`}>Amends</a>
        {signedIn && (
          <nav aria-label="Console">
            <a href={`${root}/`} aria-current={route.page === "queue" || route.page === "incident" ? "page" : undefined}>Queue</a>
            <a href={`${root}/reports`} aria-current={route.page === "reports" ? "page" : undefined}>Reports</a>
            <a href={`${root}/spare-parts`} aria-current={route.page === "spare-parts" ? "page" : undefined}>Spare parts</a>
            <SignedInAs />
            <button type="button" class="link" onClick={signOut}>Sign out</button>
          </nav>
        )}
      </header>
      <main id="main">
        {route.page === "sign-in" ? (
          <SignIn search={search} />
        ) : !signedIn ? null : route.page === "queue" ? (
          <Queue key={search} search={search} />
        ) : route.page === "incident" ? (
          <IncidentPage id={route.id} />
        ) : route.page === "reports" ? (
          <Reports />
        ) : route.page === "spare-parts" ? (
          <SparePartsPage />
        ) : (
          <h1 tabIndex={-1}>Page not found</h1>
        )}
      </main>
    </div>
  );
}

render(<App />, document.getElementById("app")!);
