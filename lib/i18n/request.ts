import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./locales";

// No locale in the URL: a console keeps its addresses stable. The language comes from the
// cookie set by the top-bar switch, else from the browser's Accept-Language.
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  let locale: Locale = DEFAULT_LOCALE;
  if (isLocale(fromCookie)) locale = fromCookie;
  else if (((await headers()).get("accept-language") ?? "").toLowerCase().startsWith("zh")) locale = "zh-CN";
  const messages = (await import(`../../messages/${locale}.json`)).default;
  return { locale, messages, timeZone: "UTC" };
});
