// The console's forms as a browser without JavaScript posts them: the hidden server-action fields, multipart, our own
// Origin, no redirects followed. The bench, the load test and the cluster tests sign in and post forms through these.

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export type Fields = [string, string][];

/** The hidden inputs of the page's <form> that has a `field` input: React's server-action fields, callbackUrl, method. */
export function hiddenInputs(html: string, field: string): Fields {
  return formFields(html, (form) => form.includes(`name="${field}"`), `a "${field}" input`);
}

/** The hidden inputs of the first <form> of the page for which `match` holds (its HTML), e.g. the one holding a button's text. */
export function formFields(html: string, match: (form: string) => boolean, what = "the wanted form"): Fields {
  const form = (html.match(/<form\b[\s\S]*?<\/form>/gi) ?? []).find(match);
  if (!form) throw new Error(`no <form> with ${what} on the page`);
  const fields: Fields = [];
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    if (!/\btype="hidden"/i.test(input)) continue;
    const name = /\bname="([^"]*)"/i.exec(input)?.[1];
    if (name === undefined) continue;
    fields.push([decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/i.exec(input)?.[1] ?? "")]);
  }
  if (!fields.some(([name]) => name.startsWith("$ACTION"))) throw new Error(`the form with ${what} carries no server-action fields`);
  return fields;
}

export async function fetchForm(url: string, pathname: string, field: string, cookie = ""): Promise<Fields> {
  const page = await fetch(`${url}${pathname}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });
  if (page.status !== 200) throw new Error(`GET ${pathname} answered ${page.status} ${page.headers.get("location") ?? ""}`);
  return hiddenInputs(await page.text(), field);
}

export const fetchSignInForm = (url: string) => fetchForm(url, "/sign-in", "loginId");

export interface Answer {
  status: number;
  location: string;
  cookies: Map<string, string>;
  alert: boolean;
  /** The words of the page's first role="alert" element, tags stripped. */
  alertText: string;
}

/** POSTs a form as a browser without JavaScript would: multipart, our own Origin, no redirect following. */
export async function postForm(url: string, pathname: string, fields: Fields, values: Record<string, string>, cookie = ""): Promise<Answer> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  for (const [name, value] of Object.entries(values)) body.append(name, value);
  const response = await fetch(`${url}${pathname}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: url, ...(cookie ? { cookie } : {}) },
  });
  const text = await response.text();
  const cookies = new Map<string, string>();
  for (const c of response.headers.getSetCookie()) {
    const [pair = ""] = c.split(";");
    const at = pair.indexOf("=");
    if (at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    cookies,
    alert: /role="alert"/.test(text),
    alertText: decodeEntities((/role="alert"[^>]*>([\s\S]*?)<\/(?:div|p)>/.exec(text)?.[1] ?? "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim(),
  };
}

const hasSession = (a: Answer) => a.status === 303 && [...a.cookies].some(([name, value]) => name.endsWith("session-token") && value !== "");
const describe = (a: Answer) => `${a.status}${a.location ? ` → ${a.location}` : ""}${a.alert ? ` (the page shows an alert: ${a.alertText || "refused"})` : ""}`;

export interface SignInTiming {
  /** The password POST alone. */
  passwordMs: number;
  /** From the password POST to the session cookie: the password POST, the second-factor page, the code POST. */
  totalMs: number;
  steps: string;
  /** The session cookie(s) as a Cookie header. */
  cookie: string;
}

/**
 * One sign-in through the forms, as a person does it after the sign-in page has loaded (`form`): password, then, when
 * the server asks for it, the one-time code on /sign-in/verify. Throws unless it ends with a session cookie.
 */
export async function signInThroughForms(url: string, form: Fields, loginId: string, password: string, code: () => string): Promise<SignInTiming> {
  const started = performance.now();
  const first = await postForm(url, "/sign-in", form, { loginId, password });
  const passwordMs = performance.now() - started;
  const jar = (a: Answer) => [...a.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  if (hasSession(first))
    return {
      passwordMs,
      totalMs: passwordMs,
      steps: "password",
      cookie: jar(first),
    };
  if (first.status !== 303 || new URL(first.location, url).pathname !== "/sign-in/verify") {
    throw new Error(`POST /sign-in for ${loginId} answered ${describe(first)}, not a session or the second-factor step`);
  }
  const cookie = jar(first);
  const verifyForm = await fetchForm(url, "/sign-in/verify", "code", cookie);
  const second = await postForm(url, "/sign-in/verify", verifyForm, { code: code() }, cookie);
  if (!hasSession(second)) throw new Error(`POST /sign-in/verify for ${loginId} answered ${describe(second)} without a session cookie`);
  return {
    passwordMs,
    totalMs: performance.now() - started,
    steps: "password + one-time code",
    cookie: jar(second),
  };
}
