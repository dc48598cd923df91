import { useEffect, useState } from "preact/hooks";

// Path routing under /console: the hosts answer every page path with the same index.html.
export const root = "/console";

export type Route =
  | { page: "queue" }
  | { page: "incident"; id: string }
  | { page: "reports" }
  | { page: "spare-parts" }
  | { page: "sign-in" }
  | { page: "not-found" };

export function parse(pathname: string): Route {
  const path = pathname.startsWith(root) ? pathname.slice(root.length) : pathname;
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: "queue" };
  if (parts[0] === "incidents" && parts.length === 2) return { page: "incident", id: parts[1] };
  if (parts[0] === "reports" && parts.length === 1) return { page: "reports" };
  if (parts[0] === "spare-parts" && parts.length === 1) return { page: "spare-parts" };
  if (parts[0] === "sign-in" && parts.length === 1) return { page: "sign-in" };
  return { page: "not-found" };
}

export function navigate(url: string, replace = false) {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  dispatchEvent(new PopStateEvent("popstate"));
}

/** The current location, re-read on every navigation. */
export function useLocation() {
  const [location, setLocation] = useState(() => ({ pathname: window.location.pathname, search: window.location.search }));
  useEffect(() => {
    const update = () => setLocation({ pathname: window.location.pathname, search: window.location.search });
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return location;
}

/** Same-origin links go through the router instead of reloading the page. */
export function follow(event: MouseEvent) {
  const link = (event.target as Element).closest("a");
  if (!link || link.target || link.hasAttribute("download") || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(root)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
