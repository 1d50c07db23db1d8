// A short, readable device summary from a User-Agent string ("Chrome 131 · Windows"), for sign-in histories.
// Pure and deliberately small: the browsers and systems people in an office use, then the product token as it is.

export interface DeviceSummary {
  browser: string | null;
  os: string | null;
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\bFxiOS\/(\d+)/, "Firefox"],
  [/\bCriOS\/(\d+)/, "Chrome"],
  [/\bFirefox\/(\d+)/, "Firefox"],
  [/(?:\b|Headless)Chrom(?:e|ium)\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)(?:\.\d+)*(?: Mobile\/\w+)? Safari\//, "Safari"],
  [/\bMSIE (\d+)/, "Internet Explorer"],
  [/\bTrident\/.*rv:(\d+)/, "Internet Explorer"],
];

function browserOf(ua: string): string | null {
  for (const [pattern, name] of BROWSERS) {
    const m = pattern.exec(ua);
    if (m) return `${name} ${m[1]}`;
  }
  return null;
}

function osOf(ua: string): string | null {
  if (/\biPad\b/.test(ua)) return "iPadOS";
  const ios = /\b(?:iPhone|iPod)\b.*?\bOS (\d+)/.exec(ua);
  if (ios) return `iOS ${ios[1]}`;
  if (/\b(?:iPhone|iPod)\b/.test(ua)) return "iOS";
  const android = /\bAndroid (\d+)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  if (/\bAndroid\b/.test(ua)) return "Android";
  if (/\bWindows Phone\b/.test(ua)) return "Windows Phone";
  if (/\bWindows\b/.test(ua)) return "Windows";
  if (/\bCrOS\b/.test(ua)) return "ChromeOS";
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return "macOS";
  if (/\bLinux\b/.test(ua)) return "Linux";
  return null;
}

/** The browser (with its major version) and the operating system; both null for an empty or unknown agent. */
export function describeDevice(userAgent: string | null | undefined): DeviceSummary {
  const ua = (userAgent ?? "").trim();
  if (!ua) return { browser: null, os: null };
  return { browser: browserOf(ua), os: osOf(ua) };
}

/** One line for a table cell: "Chrome 131 · Windows", or the agent's first product token when nothing is known. */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  const ua = (userAgent ?? "").trim();
  if (!ua) return null;
  const { browser, os } = describeDevice(ua);
  if (browser || os) return [browser, os].filter(Boolean).join(" · ");
  return ua.split(/\s+/)[0]!.slice(0, 40);
}
