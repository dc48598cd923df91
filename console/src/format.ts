// How the console writes dates, ages, money and the API's enum names for people.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const moneyIn = (currency: string) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
let money = moneyIn("EUR");

/** Every amount the API answers is in the store's currency (GET /settings); the console writes them in it. */
export function setStoreCurrency(currency: string) {
  if (money.resolvedOptions().currency !== currency) money = moneyIn(currency);
}

export const when = (iso: string) => dateTime.format(new Date(iso));
export const amount = (value: number) => money.format(value);

/** "3 d 4 h", "5 h", "12 min": how long an incident has waited. */
export function age(iso: string, now = Date.now()) {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h`;
  return `${minutes} min`;
}

/** "DamagedInTransit" → "Damaged in transit". */
export const words = (name: string) => name.replace(/(?<=[a-z])(?=[A-Z])/g, " ").replace(/ [A-Z]/g, (s) => s.toLowerCase());
