// Demo data: two fictional companies with accounts, lines, an HR roster that disagrees in the usual ways,
// and 90 days of sign-in history. Deterministic for a given `now` (a seeded PRNG; only ids are random).
import { randomUUID } from "node:crypto";
import type { AccountKind, AccountStatus, EmploymentStatus, LineStatus, Prisma, SimType } from "@/lib/generated/prisma/client";
import type { BuiltInRoleKey } from "@/lib/permissions";
import { isBusinessDay, isOffHours, startOfTokyoDay, tokyoParts } from "@/lib/policy/business-calendar";
import { addMonths, addonPriceYen, monthDate, monthKeyOf, monthRange } from "@/lib/policy/billing";
import { rebuildSignInDimRollupsSql } from "@/lib/server/audit/rollups";
import { issueStatement } from "@/lib/server/billing/statements";
import { backfillDetections } from "@/lib/server/detections/backfill";
import { markSignInsProcessed } from "@/lib/server/audit/process-sign-ins";
import { planOffboardingTasks } from "@/lib/policy/offboarding";
import { COMPLIANCE_OWNERS, monthlyTask } from "@/lib/policy/compliance";
import type { Db, Tx } from "@/lib/server/db";
import { sealSecret } from "@/lib/server/secret-box";
import { cachedHash, createOrganization } from "@/tests/factories";
import { demoTotpSecret } from "./demo-totp";

export const DEMO_CUSTOMER_NUMBER = "N240112345";
export const SAKURA_CUSTOMER_NUMBER = "N240167890";
export const DEMO_PASSWORD = "Demo-Console-2026!";
// Every non-demo account shares this one (unpublished) password, so seeding hashes twice in all.
const STAFF_PASSWORD = "Minato-Staff#2026-kakushi";

export const MINATO = { name: "株式会社みなと商事", nameKana: "ミナトショウジ", domain: "minato-shoji.example.jp" };
const SAKURA = { name: "株式会社さくら物流", nameKana: "サクラブツリュウ", domain: "sakura-logistics.example.jp" };

type Name = readonly [kanji: string, kana: string, romaji: string];

interface DemoUser {
  local: string;
  role: BuiltInRoleKey;
  family: Name;
  given: Name;
  dept: string;
}

const DEMO_USERS: DemoUser[] = [
  { local: "admin", role: "org_admin", family: ["山本", "ヤマモト", "yamamoto"], given: ["直樹", "ナオキ", "naoki"], dept: "3100" },
  { local: "accounts", role: "account_admin", family: ["鈴木", "スズキ", "suzuki"], given: ["美咲", "ミサキ", "misaki"], dept: "3100" },
  { local: "lines", role: "line_operator", family: ["高橋", "タカハシ", "takahashi"], given: ["大輔", "ダイスケ", "daisuke"], dept: "2300" },
  { local: "billing", role: "billing_manager", family: ["田中", "タナカ", "tanaka"], given: ["由美", "ユミ", "yumi"], dept: "2100" },
  { local: "security", role: "security_auditor", family: ["伊藤", "イトウ", "ito"], given: ["誠", "マコト", "makoto"], dept: "3100" },
  { local: "hr", role: "hr", family: ["渡辺", "ワタナベ", "watanabe"], given: ["陽子", "ヨウコ", "yoko"], dept: "2200" },
  { local: "member", role: "member", family: ["中村", "ナカムラ", "nakamura"], given: ["翔太", "ショウタ", "shota"], dept: "1110" },
];

export interface DemoCredential {
  loginId: string;
  password: string;
  role: string;
  organization: string;
}

export const DEMO_CREDENTIALS: DemoCredential[] = [
  ...DEMO_USERS.map((u) => ({ loginId: `${u.local}@${MINATO.domain}`, password: DEMO_PASSWORD, role: u.role, organization: MINATO.name })),
  { loginId: `admin@${SAKURA.domain}`, password: DEMO_PASSWORD, role: "org_admin", organization: SAKURA.name },
];

// ---------------------------------------------------------------------------------------------- reference data

export type Office = "hq" | "osaka" | "logistics" | "sakura";
interface DeptSpec {
  code: string;
  name: string;
  size: number;
  office: Office;
  rate: number;
}

const MINATO_DEPARTMENTS: DeptSpec[] = [
  { code: "1110", name: "営業本部 第一営業部", size: 40, office: "hq", rate: 2.4 },
  { code: "1120", name: "営業本部 第二営業部", size: 35, office: "osaka", rate: 2.3 },
  { code: "2100", name: "経理部", size: 14, office: "hq", rate: 1.8 },
  { code: "2200", name: "人事部", size: 12, office: "hq", rate: 1.7 },
  { code: "2300", name: "総務部", size: 12, office: "hq", rate: 1.7 },
  { code: "2400", name: "法務部", size: 7, office: "hq", rate: 1.4 },
  { code: "3100", name: "情報システム部", size: 18, office: "hq", rate: 2.8 },
  { code: "3200", name: "開発部", size: 48, office: "hq", rate: 1.7 },
  { code: "4100", name: "マーケティング部", size: 18, office: "hq", rate: 1.9 },
  { code: "5100", name: "カスタマーサポート部", size: 40, office: "osaka", rate: 2.1 },
  { code: "6100", name: "物流管理部", size: 30, office: "logistics", rate: 1.9 },
  { code: "7100", name: "経営企画部", size: 9, office: "hq", rate: 1.6 },
];

export const FAMILY: Name[] = [
  ["佐藤", "サトウ", "sato"], ["鈴木", "スズキ", "suzuki"], ["高橋", "タカハシ", "takahashi"], ["田中", "タナカ", "tanaka"],
  ["伊藤", "イトウ", "ito"], ["渡辺", "ワタナベ", "watanabe"], ["山本", "ヤマモト", "yamamoto"], ["中村", "ナカムラ", "nakamura"],
  ["小林", "コバヤシ", "kobayashi"], ["加藤", "カトウ", "kato"], ["吉田", "ヨシダ", "yoshida"], ["山田", "ヤマダ", "yamada"],
  ["佐々木", "ササキ", "sasaki"], ["山口", "ヤマグチ", "yamaguchi"], ["松本", "マツモト", "matsumoto"], ["井上", "イノウエ", "inoue"],
  ["木村", "キムラ", "kimura"], ["林", "ハヤシ", "hayashi"], ["斎藤", "サイトウ", "saito"], ["清水", "シミズ", "shimizu"],
  ["山崎", "ヤマザキ", "yamazaki"], ["森", "モリ", "mori"], ["池田", "イケダ", "ikeda"], ["橋本", "ハシモト", "hashimoto"],
  ["阿部", "アベ", "abe"], ["石川", "イシカワ", "ishikawa"], ["山下", "ヤマシタ", "yamashita"], ["中島", "ナカジマ", "nakajima"],
  ["石井", "イシイ", "ishii"], ["小川", "オガワ", "ogawa"], ["前田", "マエダ", "maeda"], ["岡田", "オカダ", "okada"],
  ["長谷川", "ハセガワ", "hasegawa"], ["藤田", "フジタ", "fujita"], ["後藤", "ゴトウ", "goto"], ["近藤", "コンドウ", "kondo"],
  ["村上", "ムラカミ", "murakami"], ["遠藤", "エンドウ", "endo"], ["青木", "アオキ", "aoki"], ["坂本", "サカモト", "sakamoto"],
  ["福田", "フクダ", "fukuda"], ["太田", "オオタ", "ota"], ["西村", "ニシムラ", "nishimura"], ["藤井", "フジイ", "fujii"],
  ["金子", "カネコ", "kaneko"], ["岡本", "オカモト", "okamoto"], ["藤原", "フジワラ", "fujiwara"], ["中野", "ナカノ", "nakano"],
  ["三浦", "ミウラ", "miura"], ["原田", "ハラダ", "harada"], ["中川", "ナカガワ", "nakagawa"], ["松田", "マツダ", "matsuda"],
  ["竹内", "タケウチ", "takeuchi"], ["小野", "オノ", "ono"], ["田村", "タムラ", "tamura"], ["中山", "ナカヤマ", "nakayama"],
  ["和田", "ワダ", "wada"], ["石田", "イシダ", "ishida"], ["森田", "モリタ", "morita"], ["上田", "ウエダ", "ueda"],
  ["柴田", "シバタ", "shibata"], ["酒井", "サカイ", "sakai"], ["工藤", "クドウ", "kudo"], ["横山", "ヨコヤマ", "yokoyama"],
  ["宮崎", "ミヤザキ", "miyazaki"], ["宮本", "ミヤモト", "miyamoto"], ["内田", "ウチダ", "uchida"], ["高木", "タカギ", "takagi"],
];

export const GIVEN_MALE: Name[] = [
  ["健太", "ケンタ", "kenta"], ["翔太", "ショウタ", "shota"], ["大輔", "ダイスケ", "daisuke"], ["拓也", "タクヤ", "takuya"],
  ["直樹", "ナオキ", "naoki"], ["和也", "カズヤ", "kazuya"], ["誠", "マコト", "makoto"], ["健一", "ケンイチ", "kenichi"],
  ["隆", "タカシ", "takashi"], ["浩二", "コウジ", "koji"], ["達也", "タツヤ", "tatsuya"], ["亮", "リョウ", "ryo"],
  ["悠斗", "ユウト", "yuto"], ["蓮", "レン", "ren"], ["大樹", "ダイキ", "daiki"], ["翼", "ツバサ", "tsubasa"],
  ["雄一", "ユウイチ", "yuichi"], ["剛", "ツヨシ", "tsuyoshi"], ["修", "オサム", "osamu"], ["哲也", "テツヤ", "tetsuya"],
  ["陽介", "ヨウスケ", "yosuke"], ["俊介", "シュンスケ", "shunsuke"], ["智之", "トモユキ", "tomoyuki"], ["聡", "サトシ", "satoshi"],
  ["康弘", "ヤスヒロ", "yasuhiro"], ["裕太", "ユウタ", "yuta"], ["駿", "シュン", "shun"], ["涼介", "リョウスケ", "ryosuke"],
  ["慎也", "シンヤ", "shinya"], ["秀樹", "ヒデキ", "hideki"],
];

export const GIVEN_FEMALE: Name[] = [
  ["陽子", "ヨウコ", "yoko"], ["美咲", "ミサキ", "misaki"], ["由美", "ユミ", "yumi"], ["愛", "アイ", "ai"],
  ["恵", "メグミ", "megumi"], ["彩", "アヤ", "aya"], ["真由美", "マユミ", "mayumi"], ["久美子", "クミコ", "kumiko"],
  ["直美", "ナオミ", "naomi"], ["麻衣", "マイ", "mai"], ["優子", "ユウコ", "yuko"], ["香織", "カオリ", "kaori"],
  ["智子", "トモコ", "tomoko"], ["千尋", "チヒロ", "chihiro"], ["結衣", "ユイ", "yui"], ["葵", "アオイ", "aoi"],
  ["陽菜", "ヒナ", "hina"], ["さくら", "サクラ", "sakura"], ["明美", "アケミ", "akemi"], ["理恵", "リエ", "rie"],
  ["沙織", "サオリ", "saori"], ["奈々", "ナナ", "nana"], ["美穂", "ミホ", "miho"], ["綾乃", "アヤノ", "ayano"],
  ["真理子", "マリコ", "mariko"], ["早紀", "サキ", "saki"], ["遥", "ハルカ", "haruka"], ["友美", "トモミ", "tomomi"],
];

export const CONTRACTOR_COMPANIES = ["株式会社ブルーシステムズ", "テックパートナーズ株式会社", "株式会社ネクストリンク"];

const OFFICE_IPS: Record<Office, string[]> = {
  hq: ["210.130.45.9", "210.130.45.10", "210.130.45.11", "210.130.45.12"],
  osaka: ["61.205.120.34", "61.205.120.35"],
  logistics: ["202.32.8.101"],
  sakura: ["219.101.33.9", "219.101.33.10"],
};
const VPN_IP = "133.242.17.5";
// Home broadband (OCN, NURO, au ひかり…) and mobile carrier prefixes, all in Japan.
export const HOME_PREFIXES = ["153.156", "153.187", "114.162", "60.117", "219.104", "180.12", "118.240", "122.135"];
export const MOBILE_PREFIXES = ["1.66", "49.98", "49.104", "106.133", "106.154", "126.36", "126.204", "133.106"];

export const DESKTOP_UAS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
];
export const MOBILE_UAS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; SO-51E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.6723.107 Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 14; SH-51E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 15; Pixel 8a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.39 Mobile Safari/537.36",
];
const SCRIPT_UA = "python-requests/2.32.3";
const HEADLESS_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36";

export const PLANS = [
  { plan: "OCNモバイル 3GB", gb: 3, weight: 30 },
  { plan: "OCNモバイル 10GB", gb: 10, weight: 40 },
  { plan: "OCNモバイル 20GB", gb: 20, weight: 20 },
  { plan: "OCNモバイル 30GB", gb: 30, weight: 10 },
];

// ---------------------------------------------------------------------------------------------- randomness and time

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const WINDOW_DAYS = 90;
const INSERT_CHUNK = 5000;

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Common surnames come up more often, as they do in a real company. */
  pickSkewed<T>(items: readonly T[]): T {
    return items[Math.floor(Math.pow(this.next(), 1.6) * items.length)]!;
  }
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let r = this.next() * items.reduce((sum, item) => sum + item.weight, 0);
    for (const item of items) if ((r -= item.weight) < 0) return item;
    return items[items.length - 1]!;
  }
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  poisson(lambda: number): number {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

const octet = (rng: Rng) => rng.int(1, 254);
const homeIp = (rng: Rng) => `${rng.pick(HOME_PREFIXES)}.${octet(rng)}.${octet(rng)}`;
const mobileIp = (rng: Rng) => `${rng.pick(MOBILE_PREFIXES)}.${octet(rng)}.${octet(rng)}`;

// ---------------------------------------------------------------------------------------------- plan types

interface Profile {
  rate: number;
  weekendProb: number;
  offHoursProb: number;
  mobileShare: number;
  office: Office;
  homeIp: string;
  desktopUa: string;
  mobileUa: string;
}

interface Trip {
  from: number;
  to: number;
  ip: string;
  country: string;
  /** Local office hours expressed in JST: +1 for Singapore, +14 for New York. */
  shiftHours: number;
}

interface PlannedAccount {
  id: string;
  loginId: string;
  displayName: string;
  nameKana: string;
  employeeNumber: string | null;
  dept: DeptSpec & { id: string };
  kind: AccountKind;
  contractorCompany: string | null;
  status: AccountStatus;
  createdAt: Date;
  passwordChangedAt: Date | null;
  hasPassword: boolean;
  demoPassword: boolean;
  lockedUntil: Date | null;
  lockCount: number;
  disabledAt: Date | null;
  sessionVersion: number;
  lastSignInAt: Date | null;
  /** Normal sign-in activity happens in [activeFrom, activeUntil); scenarios add their own events. */
  activeFrom: number;
  activeUntil: number;
  signsIn: boolean;
  trips: Trip[];
  profile: Profile;
}

interface PlannedGrant {
  accountId: string;
  role: BuiltInRoleKey;
  grantedById: string | null;
  reason: string | null;
  startsAt: Date;
  endsAt: Date | null;
  revokedAt: Date | null;
  revokedById: string | null;
  sodJustification?: string | null;
}

interface SeedEvent {
  organizationId: string | null;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: "success" | "failure";
  reason: string | null;
  ip: string | null;
  country: string | null;
  userAgent: string | null;
  details: Prisma.InputJsonValue;
}

interface HrPlan {
  employeeNumber: string;
  name: string;
  nameKana: string;
  department: string;
  employmentStatus: EmploymentStatus;
  terminationDate: Date | null;
}

interface OrgPlan {
  organizationId: string;
  departments: (DeptSpec & { id: string; managerId: string | null })[];
  accounts: PlannedAccount[];
  grants: PlannedGrant[];
  lines: Prisma.LineCreateManyInput[];
  hr: { importedById: string | null; fileName: string; createdAt: Date; records: HrPlan[] } | null;
  allowlist: Prisma.IpAllowlistEntryCreateManyInput[];
  events: SeedEvent[];
}

// ---------------------------------------------------------------------------------------------- the builder

class OrgBuilder {
  readonly accounts: PlannedAccount[] = [];
  readonly grants: PlannedGrant[] = [];
  readonly events: SeedEvent[] = [];
  private readonly localParts = new Map<string, number>();
  private readonly phones = new Set<string>();
  private readonly iccids = new Set<string>();
  private employeeSeq: number;
  readonly windowStart: number;

  constructor(
    readonly rng: Rng,
    readonly organizationId: string,
    readonly domain: string,
    readonly now: number,
    employeeSeqStart: number,
  ) {
    this.employeeSeq = employeeSeqStart;
    this.windowStart = startOfTokyoDay(new Date(now)).getTime() - WINDOW_DAYS * DAY;
  }

  daysAgo(days: number, hourJst = 10): Date {
    return new Date(startOfTokyoDay(new Date(this.now)).getTime() - days * DAY + hourJst * HOUR + this.rng.int(0, 59) * MINUTE);
  }

  /** A business-hours moment on a business day about `days` ago (moving earlier past weekends and holidays). */
  businessMoment(days: number): Date {
    let at = this.daysAgo(days, 9.5 + this.rng.next() * 8);
    while (!isBusinessDay(at)) at = new Date(at.getTime() - DAY);
    return at;
  }

  nextEmployeeNumber(): string {
    this.employeeSeq += this.rng.int(1, 9);
    return `E${String(this.employeeSeq).padStart(7, "0")}`;
  }

  loginId(local: string): string {
    const seen = this.localParts.get(local) ?? 0;
    this.localParts.set(local, seen + 1);
    return `${seen === 0 ? local : `${local}${seen + 1}`}@${this.domain}`;
  }

  person(): { family: Name; given: Name } {
    const given = this.rng.chance(0.55) ? this.rng.pick(GIVEN_MALE) : this.rng.pick(GIVEN_FEMALE);
    return { family: this.rng.pickSkewed(FAMILY), given };
  }

  profile(dept: DeptSpec): Profile {
    const rng = this.rng;
    const lateWorker = rng.chance(0.12);
    const technical = dept.code.startsWith("3") || dept.code === "6100";
    return {
      rate: dept.rate * (0.6 + rng.next() * 0.8),
      weekendProb: 0.015 + (technical ? 0.06 : 0.02) * rng.next(),
      offHoursProb: lateWorker ? 0.08 + rng.next() * 0.1 : 0.012,
      mobileShare: dept.code.startsWith("11") ? 0.3 : 0.08,
      office: dept.office,
      homeIp: homeIp(rng),
      desktopUa: rng.pick(DESKTOP_UAS),
      mobileUa: rng.pick(MOBILE_UAS),
    };
  }

  addAccount(input: {
    family: Name;
    given: Name;
    dept: DeptSpec & { id: string };
    local?: string;
    kind?: AccountKind;
    contractorCompany?: string | null;
    employeeNumber?: string | null;
    createdAt: Date;
    demoPassword?: boolean;
  }): PlannedAccount {
    const { family, given, dept, createdAt } = input;
    const kind = input.kind ?? "employee";
    const account: PlannedAccount = {
      id: randomUUID(),
      loginId: this.loginId(input.local ?? `${given[2]}.${family[2]}`),
      displayName: `${family[0]} ${given[0]}`,
      nameKana: `${family[1]} ${given[1]}`,
      employeeNumber: input.employeeNumber !== undefined ? input.employeeNumber : this.nextEmployeeNumber(),
      dept,
      kind,
      contractorCompany: input.contractorCompany ?? null,
      status: "active",
      createdAt,
      passwordChangedAt: this.passwordChangedAt(createdAt),
      hasPassword: true,
      demoPassword: input.demoPassword ?? false,
      lockedUntil: null,
      lockCount: 0,
      disabledAt: null,
      sessionVersion: 1,
      lastSignInAt: null,
      activeFrom: Math.max(this.windowStart, createdAt.getTime() + HOUR),
      activeUntil: this.now,
      signsIn: true,
      trips: [],
      profile: this.profile(dept),
    };
    this.accounts.push(account);
    return account;
  }

  private passwordChangedAt(createdAt: Date): Date {
    // Most rotate within the 90-day maximum age; some are overdue.
    const days = this.rng.chance(0.85) ? this.rng.int(3, 88) : this.rng.int(91, 400);
    const changed = this.now - days * DAY - this.rng.int(0, 600) * MINUTE;
    return new Date(Math.max(changed, createdAt.getTime() + this.rng.int(10, 120) * MINUTE));
  }

  grant(account: PlannedAccount, role: BuiltInRoleKey, options: Partial<Omit<PlannedGrant, "accountId" | "role">> = {}): PlannedGrant {
    const grant: PlannedGrant = {
      accountId: account.id,
      role,
      grantedById: null,
      reason: null,
      startsAt: account.createdAt,
      endsAt: null,
      revokedAt: null,
      revokedById: null,
      ...options,
    };
    this.grants.push(grant);
    return grant;
  }

  // ------------------------------------------------------------------------------------------ events

  event(e: Partial<SeedEvent> & Pick<SeedEvent, "occurredAt" | "action" | "outcome">): void {
    this.events.push({
      organizationId: this.organizationId,
      actorId: null,
      actorLabel: null,
      targetType: "account",
      targetId: null,
      targetLabel: null,
      reason: null,
      ip: null,
      country: "JP",
      userAgent: null,
      details: {},
      ...e,
    });
  }

  signIn(account: PlannedAccount, at: number, outcome: "success" | "failure", reason: string | null, ip: string, country: string, ua: string): void {
    this.event({
      occurredAt: new Date(at),
      actorId: account.id,
      actorLabel: account.loginId,
      action: "auth.sign_in",
      targetId: account.id,
      targetLabel: account.loginId,
      outcome,
      reason,
      ip,
      country,
      userAgent: ua,
    });
    if (outcome === "success" && (!account.lastSignInAt || account.lastSignInAt.getTime() < at)) account.lastSignInAt = new Date(at);
  }

  /** An ID that belongs to no organization: no actor, no tenant. */
  unknownId(typed: string, at: number, ip: string, country: string, ua: string): void {
    this.event({
      organizationId: null,
      occurredAt: new Date(at),
      actorLabel: typed,
      action: "auth.sign_in",
      outcome: "failure",
      reason: "unknown_id",
      ip,
      country,
      userAgent: ua,
    });
  }

  adminChange(actor: PlannedAccount, at: Date, action: string, target: PlannedAccount, details: Prisma.InputJsonValue): void {
    this.event({
      occurredAt: at,
      actorId: actor.id,
      actorLabel: actor.loginId,
      action,
      targetId: target.id,
      targetLabel: target.loginId,
      outcome: "success",
      ip: OFFICE_IPS[actor.profile.office][0]!,
      userAgent: actor.profile.desktopUa,
      details,
    });
  }

  private typo(loginId: string): string {
    const [local = "", domain = ""] = loginId.split("@");
    switch (this.rng.int(0, 3)) {
      case 0:
        return `${local}@${domain.replace("shoji", "shouji")}`;
      case 1:
        return `${local.slice(0, -1)}@${domain}`;
      case 2:
        return `${local.replace(".", "")}@${domain}`;
      default:
        return `${local}@${domain.replace(".example.jp", ".example.co.jp")}`;
    }
  }

  /** One person signing in: now and then a mistyped ID or password first, or a wrong one-time code. */
  attempt(account: PlannedAccount, at: number, ip: string, country: string, ua: string): void {
    const rng = this.rng;
    if (rng.chance(0.003)) this.unknownId(this.typo(account.loginId), at - rng.int(40, 120) * 1000, ip, country, ua);
    if (rng.chance(0.033)) {
      const tries = rng.chance(0.25) ? 2 : 1;
      for (let i = tries; i >= 1; i--) this.signIn(account, at - i * rng.int(12, 50) * 1000, "failure", "bad_password", ip, country, ua);
    } else if (rng.chance(0.004)) {
      this.signIn(account, at - rng.int(20, 70) * 1000, "failure", "mfa_failed", ip, country, ua);
    }
    this.signIn(account, at, "success", null, ip, country, ua);
  }

  private hourOfDay(businessDay: boolean, profile: Profile): number {
    const rng = this.rng;
    if (!businessDay) return 9.5 + rng.next() * 13;
    if (rng.chance(profile.offHoursProb)) return rng.chance(0.3) ? 6 + rng.next() * 2 : 20 + rng.next() * 3.8;
    const r = rng.next();
    let h = r < 0.34 ? rng.normal(9.05, 0.4) : r < 0.56 ? rng.normal(13.1, 0.3) : r < 0.72 ? rng.normal(16.5, 1.2) : 8.3 + rng.next() * 11.4;
    if (h < 8) h = 8 + rng.next() * 0.5;
    if (h >= 20) h = 19.5 + rng.next() * 0.49;
    return h;
  }

  private context(profile: Profile, offHours: boolean): { ip: string; ua: string } {
    const rng = this.rng;
    if (rng.chance(offHours ? 0.3 : profile.mobileShare)) return { ip: mobileIp(rng), ua: profile.mobileUa };
    if (offHours) return { ip: profile.homeIp, ua: profile.desktopUa };
    if (rng.chance(0.12)) return { ip: VPN_IP, ua: profile.desktopUa };
    return { ip: rng.pick(OFFICE_IPS[profile.office]), ua: profile.desktopUa };
  }

  /** Day by day over the window: weekday rhythm peaking at 9:00 and 13:00 JST, quiet weekends and holidays. */
  generateActivity(): void {
    const rng = this.rng;
    const today = startOfTokyoDay(new Date(this.now)).getTime();
    for (let dayStart = this.windowStart; dayStart <= today; dayStart += DAY) {
      const businessDay = isBusinessDay(new Date(dayStart + 12 * HOUR));
      const daysAgo = Math.round((today - dayStart) / DAY);
      for (const account of this.accounts) {
        if (!account.signsIn) continue;
        const profile = account.profile;
        const trip = account.trips.find((t) => daysAgo <= t.from && daysAgo >= t.to);
        const count = businessDay ? rng.poisson(profile.rate) : rng.chance(profile.weekendProb) ? rng.int(1, 2) : 0;
        for (let i = 0; i < count; i++) {
          let at: number;
          let place: { ip: string; ua: string };
          let country = "JP";
          if (trip) {
            at = dayStart + (8.5 + rng.next() * 9 + trip.shiftHours) * HOUR;
            place = { ip: trip.ip, ua: rng.chance(0.5) ? profile.mobileUa : profile.desktopUa };
            country = trip.country;
          } else {
            const hour = this.hourOfDay(businessDay, profile);
            at = dayStart + hour * HOUR;
            place = this.context(profile, !businessDay || hour < 8 || hour >= 20);
          }
          at = Math.floor(at / 1000) * 1000 + rng.int(0, 999);
          if (at < account.activeFrom || at >= account.activeUntil || at >= this.now) continue;
          this.attempt(account, at, place.ip, country, place.ua);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------ lines

  phoneNumber(): string {
    for (;;) {
      const prefix = this.rng.weighted([
        { p: "070", weight: 2 },
        { p: "080", weight: 4 },
        { p: "090", weight: 4 },
      ]).p;
      const phone = `${prefix}-${this.rng.digits(4)}-${this.rng.digits(4)}`;
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }

  iccid(): string {
    for (;;) {
      const iccid = `898110${this.rng.digits(13)}`;
      if (!this.iccids.has(iccid)) {
        this.iccids.add(iccid);
        return iccid;
      }
    }
  }

  line(input: { status?: LineStatus; account: PlannedAccount | null; costCenter: string | null; activatedAt: Date; plan?: (typeof PLANS)[number]; endedAt?: Date }): Prisma.LineCreateManyInput {
    const plan = input.plan ?? this.rng.weighted(PLANS);
    const simType: SimType = this.rng.chance(0.7) ? "physical" : "esim";
    return {
      id: randomUUID(),
      organizationId: this.organizationId,
      phoneNumber: this.phoneNumber(),
      iccid: this.iccid(),
      simType,
      plan: plan.plan,
      dataAllowanceGb: plan.gb,
      status: input.status ?? "active",
      assignedAccountId: input.account?.id ?? null,
      costCenter: input.costCenter,
      activatedAt: input.activatedAt,
      createdAt: input.activatedAt,
      endedAt: input.status === "cancelled" || input.status === "ported_out" ? (input.endedAt ?? input.activatedAt) : null,
    };
  }
}

// ---------------------------------------------------------------------------------------------- みなと商事

function planMinato(organizationId: string, now: number, scale: number): OrgPlan {
  const rng = new Rng(20240112);
  const b = new OrgBuilder(rng, organizationId, MINATO.domain, now, 10_230);
  const departments = MINATO_DEPARTMENTS.map((d) => ({ ...d, id: randomUUID(), managerId: null as string | null, size: Math.max(1, Math.round(d.size * scale)) }));
  const deptByCode = new Map(departments.map((d) => [d.code, d]));
  const dept = (code: string) => deptByCode.get(code)!;

  // Demo users: fixed names and IDs, long-standing, recently rotated passwords.
  const demo = new Map<string, PlannedAccount>();
  for (const u of DEMO_USERS) {
    const account = b.addAccount({ family: u.family, given: u.given, dept: dept(u.dept), local: u.local, createdAt: b.daysAgo(rng.int(700, 2600), 9), demoPassword: true });
    account.passwordChangedAt = b.daysAgo(12, 9);
    if (u.local === "admin") account.profile.rate = 3.2;
    demo.set(u.local, account);
  }
  const admin = demo.get("admin")!;
  const accountsAdmin = demo.get("accounts")!;
  for (const u of DEMO_USERS) {
    const account = demo.get(u.local)!;
    b.grant(account, u.role, { grantedById: u.local === "admin" ? null : admin.id, reason: u.local === "admin" ? "契約時の初期管理者" : "担当業務のため" });
  }

  // Regular staff, department by department.
  const staff: PlannedAccount[] = [];
  for (const d of departments) {
    for (let i = 0; i < d.size; i++) {
      const { family, given } = b.person();
      staff.push(b.addAccount({ family, given, dept: d, createdAt: b.daysAgo(rng.int(WINDOW_DAYS + 5, 3650), 9) }));
    }
    d.managerId = staff[staff.length - d.size]?.id ?? null;
  }
  const managers = new Set(departments.map((d) => d.managerId));
  const pool = rng.shuffle(staff.filter((a) => !managers.has(a.id)));
  const used = new Set<string>();
  const take = (code?: string): PlannedAccount => {
    const found = pool.find((a) => !used.has(a.id) && (!code || a.dept.code === code)) ?? pool.find((a) => !used.has(a.id));
    if (!found) throw new Error("seed: not enough accounts for the scenarios; use a larger scale");
    used.add(found.id);
    return found;
  };

  // Contractors from partner companies, on time-limited grants.
  const contractors: PlannedAccount[] = [];
  const contractorCount = Math.max(2, Math.round(8 * scale));
  for (let i = 0; i < contractorCount; i++) {
    const { family, given } = b.person();
    const code = i % 4 === 3 ? "5100" : i % 4 === 2 ? "3100" : "3200";
    const account = b.addAccount({
      family,
      given,
      dept: dept(code),
      kind: "contractor",
      contractorCompany: CONTRACTOR_COMPANIES[i % CONTRACTOR_COMPANIES.length]!,
      employeeNumber: i % 2 === 0 ? `C${String(200100 + i * 7).padStart(6, "0")}` : null,
      createdAt: b.daysAgo(rng.int(20, 400), 10),
    });
    account.profile.rate *= 0.8;
    contractors.push(account);
    const endsAt = i === 0 ? b.daysAgo(10, 18) : new Date(b.daysAgo(-rng.int(20, 180), 0).getTime());
    const grantEnd = i === 0 ? endsAt : new Date(startOfTokyoDay(endsAt).getTime() + DAY - 1000);
    b.grant(account, "member", { grantedById: accountsAdmin.id, reason: `業務委託契約 (${account.contractorCompany})`, endsAt: grantEnd });
    if (i === 2) b.grant(account, "line_operator", { grantedById: accountsAdmin.id, reason: "端末キッティング作業のため", endsAt: grantEnd });
  }

  // Statuses and the disagreements an access review should find.
  const invited = Array.from({ length: Math.max(1, Math.round(5 * scale)) }, () => take());
  for (const a of invited) {
    a.status = "invited";
    a.createdAt = b.businessMoment(rng.int(1, 10));
    a.hasPassword = false;
    a.passwordChangedAt = null;
    a.signsIn = false;
  }
  const recentJoiners = Array.from({ length: Math.max(1, Math.round(8 * scale)) }, () => take());
  for (const a of recentJoiners) {
    a.createdAt = b.businessMoment(rng.int(12, 85));
    a.passwordChangedAt = new Date(a.createdAt.getTime() + rng.int(30, 600) * MINUTE);
    a.activeFrom = a.passwordChangedAt.getTime();
  }
  const bruteForced = take("1110");
  const forgetful = take("5100");
  const suspendedOnLeave = take("6100");
  const suspendedInvestigation = take("1120");
  const disabledDays = [200, 130, 80, 52, 26, 9];
  const disabled = disabledDays.map(() => take());
  const leaver = take("1120");
  const onLeave = take("4100");
  const transferred = take("1120");
  const noHrNull = take("3200");
  const noHrUnknown = take("6100");
  const dormant = Array.from({ length: 4 }, () => take());
  const formerlyLocked = take("3200");
  const tripSg = take("1110");
  const tripUs = take("7100");
  const tripKr = take("1120");
  const compromised = take("4100");

  for (const a of dormant) {
    a.signsIn = false;
    a.lastSignInAt = b.daysAgo(rng.int(WINDOW_DAYS + 10, 200), 10);
  }

  for (const [i, a] of disabled.entries()) {
    a.status = "disabled";
    a.disabledAt = b.businessMoment(disabledDays[i]!);
    a.activeUntil = a.disabledAt.getTime() - 2 * HOUR;
    a.sessionVersion = 2;
    a.passwordChangedAt = new Date(Math.min(a.passwordChangedAt!.getTime(), a.disabledAt.getTime() - rng.int(5, 80) * DAY));
    if (a.disabledAt.getTime() < b.windowStart) a.lastSignInAt = new Date(a.disabledAt.getTime() - rng.int(2, 30) * HOUR);
  }

  const suspensions = [
    { account: suspendedOnLeave, at: b.businessMoment(45), reason: "休職のため" },
    { account: suspendedInvestigation, at: b.businessMoment(20), reason: "調査のため一時停止" },
  ];
  for (const { account, at } of suspensions) {
    account.status = "suspended";
    account.activeUntil = at.getTime() - HOUR;
    account.sessionVersion = 2;
  }

  const nowParts = tokyoParts(new Date(now));
  // 末日退職: the last day of last month (JST).
  const leaverTerminationDate = new Date(Date.UTC(nowParts.year, nowParts.month - 1, 0));
  leaver.activeUntil = leaverTerminationDate.getTime() - 9 * HOUR + 18 * HOUR;
  const leaveStart = b.businessMoment(50);
  onLeave.activeUntil = leaveStart.getTime();

  noHrNull.employeeNumber = null;
  noHrUnknown.employeeNumber = `E${String(99_000 + rng.int(100, 899)).padStart(7, "0")}`;

  tripSg.trips.push({ from: 24, to: 20, ip: "203.0.113.24", country: "SG", shiftHours: 1 });
  tripUs.trips.push({ from: 46, to: 40, ip: "198.51.100.14", country: "US", shiftHours: 14 });
  tripKr.trips.push({ from: 15, to: 11, ip: "192.0.2.31", country: "KR", shiftHours: 0 });

  // Member role for everyone but the demo users; a few carry more.
  for (const a of staff) {
    if (a.status === "disabled") {
      b.grant(a, "member", { revokedAt: a.disabledAt, revokedById: accountsAdmin.id });
    } else {
      b.grant(a, "member", { grantedById: a.createdAt.getTime() > b.windowStart ? accountsAdmin.id : null, reason: "入社時の標準権限" });
    }
  }
  const extraRoles: [BuiltInRoleKey, string][] = [
    ["account_admin", "3100"],
    ["account_admin", "3100"],
    ["line_operator", "2300"],
    ["line_operator", "6100"],
    ["line_operator", "6100"],
    ["billing_manager", "2100"],
    ["hr", "2200"],
  ];
  const roleHolders: { account: PlannedAccount; role: BuiltInRoleKey; grant: PlannedGrant }[] = [];
  for (const [index, [role, code]] of extraRoles.entries()) {
    const account = take(code);
    const recent = index % 2 === 0;
    const startsAt = recent ? b.businessMoment(rng.int(5, 80)) : account.createdAt;
    roleHolders.push({ account, role, grant: b.grant(account, role, { grantedById: admin.id, reason: "部署の担当業務のため", startsAt }) });
  }
  // A separation-of-duty conflict: audit:manage together with accounts:manage.
  const sodConflict = take("3100");
  const sodStart = b.businessMoment(33);
  roleHolders.push({ account: sodConflict, role: "account_admin", grant: b.grant(sodConflict, "account_admin", { grantedById: admin.id, reason: "アカウント棚卸しの補助", startsAt: sodStart }) });
  roleHolders.push({ account: sodConflict, role: "security_auditor", grant: b.grant(sodConflict, "security_auditor", { grantedById: admin.id, reason: "ログ監査の代行 (伊藤さん不在時)", startsAt: new Date(sodStart.getTime() + 20 * MINUTE) }) });
  // A documented exception: billing and line management together, justified and time-limited.
  const sodException = take("2100");
  const exceptionStart = b.businessMoment(12);
  roleHolders.push({ account: sodException, role: "billing_manager", grant: b.grant(sodException, "billing_manager", { grantedById: admin.id, reason: "経理部の請求担当", startsAt: exceptionStart }) });
  roleHolders.push({
    account: sodException,
    role: "line_operator",
    grant: b.grant(sodException, "line_operator", {
      grantedById: admin.id,
      reason: "年度末の回線整理",
      startsAt: new Date(exceptionStart.getTime() + 30 * MINUTE),
      endsAt: new Date(startOfTokyoDay(b.daysAgo(-40, 0)).getTime() + DAY - 1000),
      sodJustification: "回線担当の欠員補充まで。情報システム部長承認済み (稟議 2026-118)",
    }),
  });
  // The leaver still holds a privileged role.
  b.grant(leaver, "line_operator", { grantedById: admin.id, reason: "大阪拠点の回線手配", startsAt: leaver.createdAt });

  // ---- sign-in scenarios
  // 1. Brute force from abroad: 40 failures in 10 minutes on one account, which is locked right now.
  const burstStart = now - 14 * MINUTE;
  let lockedAt = 0;
  for (let i = 0; i < 40; i++) {
    const at = burstStart + Math.round((i * 10 * MINUTE) / 40) + rng.int(0, 4000);
    const reason = i < 10 ? "bad_password" : "locked";
    if (i === 9) lockedAt = at;
    b.signIn(bruteForced, at, "failure", reason, "198.51.100.77", "US", HEADLESS_UA);
  }
  bruteForced.activeUntil = burstStart - 30 * MINUTE;
  bruteForced.status = "locked";
  bruteForced.lockCount = 1;
  bruteForced.lockedUntil = new Date(lockedAt + 30 * MINUTE);
  bruteForced.sessionVersion = 2;

  // 2. Someone who keeps forgetting a password: locked a week ago, and again 40 minutes ago (escalated lock).
  const firstLock = b.businessMoment(7).getTime();
  for (let i = 0; i < 12; i++) b.signIn(forgetful, firstLock + i * rng.int(15, 25) * 1000, "failure", i < 10 ? "bad_password" : "locked", forgetful.profile.homeIp, "JP", forgetful.profile.desktopUa);
  b.signIn(forgetful, firstLock + 34 * MINUTE, "success", null, forgetful.profile.homeIp, "JP", forgetful.profile.desktopUa);
  const secondLock = now - 40 * MINUTE;
  forgetful.activeUntil = secondLock - HOUR;
  for (let i = 0; i < 10; i++) b.signIn(forgetful, secondLock + i * rng.int(15, 30) * 1000, "failure", "bad_password", forgetful.profile.homeIp, "JP", forgetful.profile.mobileUa);
  forgetful.status = "locked";
  forgetful.lockCount = 2;
  forgetful.lockedUntil = new Date(secondLock + 10 * 25 * 1000 + HOUR);
  forgetful.sessionVersion = 3;

  // 3. A password spray from one foreign address across many IDs in the small hours, three days ago.
  const sprayStart = startOfTokyoDay(new Date(now)).getTime() - 3 * DAY + 2 * HOUR + 10 * MINUTE;
  const sprayTargets = rng.shuffle(b.accounts.filter((a) => a.status === "active" && a.signsIn)).slice(0, 62);
  const guessed = ["info", "support", "test", "administrator", "soumu", "saiyo", "keiri", "webmaster"];
  const sprayIds = [...sprayTargets.map((a) => a.loginId), ...guessed.map((g) => `${g}@${MINATO.domain}`)];
  rng.shuffle(sprayIds);
  for (const [i, loginId] of sprayIds.entries()) {
    const at = sprayStart + Math.round((i * 35 * MINUTE) / sprayIds.length) + rng.int(0, 9000);
    const target = sprayTargets.find((a) => a.loginId === loginId);
    if (target) b.signIn(target, at, "failure", "bad_password", "198.51.100.213", "CN", SCRIPT_UA);
    else b.unknownId(loginId, at, "198.51.100.213", "CN", SCRIPT_UA);
  }

  // 4. An older burst from Singapore, three weeks ago at night; the lock has long expired.
  const oldBurst = startOfTokyoDay(new Date(now)).getTime() - 21 * DAY + 22 * HOUR + 5 * MINUTE;
  for (let i = 0; i < 15; i++) b.signIn(formerlyLocked, oldBurst + i * rng.int(18, 26) * 1000, "failure", i < 10 ? "bad_password" : "locked", "203.0.113.88", "SG", HEADLESS_UA);
  formerlyLocked.lockCount = 1;

  // 5. A stolen password: office sign-in at 10:05, then a success from abroad 35 minutes later, on the last business
  // day before today (so the alert is recent enough to be still open, whatever the weekday and time of the seed).
  let stolenDay = startOfTokyoDay(new Date(now)).getTime() - DAY;
  while (!isBusinessDay(new Date(stolenDay + 12 * HOUR))) stolenDay -= DAY;
  const officeAt = stolenDay + 10 * HOUR + 5 * MINUTE;
  b.signIn(compromised, officeAt, "success", null, OFFICE_IPS.hq[1]!, "JP", compromised.profile.desktopUa);
  b.signIn(compromised, officeAt + 33 * MINUTE, "failure", "bad_password", "198.51.100.230", "CN", DESKTOP_UAS[0]!);
  b.signIn(compromised, officeAt + 34 * MINUTE, "failure", "mfa_failed", "198.51.100.230", "CN", DESKTOP_UAS[0]!);
  b.signIn(compromised, officeAt + 35 * MINUTE, "success", null, "198.51.100.230", "CN", DESKTOP_UAS[0]!);

  b.generateActivity();

  // ---- admin changes over the period
  for (const a of [...recentJoiners, ...invited, ...contractors.filter((c) => c.createdAt.getTime() > b.windowStart)]) {
    b.adminChange(accountsAdmin, a.createdAt, "account.create", a, {
      after: { loginId: a.loginId, displayName: a.displayName, department: a.dept.name, kind: a.kind, status: "invited" },
    });
  }
  for (const { account, role, grant } of roleHolders) {
    if (grant.startsAt.getTime() <= b.windowStart) continue;
    const held = b.grants.filter((g) => g.accountId === account.id && g !== grant && g.startsAt < grant.startsAt).map((g) => g.role);
    b.adminChange(admin, grant.startsAt, "role_grant.create", account, {
      role,
      reason: grant.reason,
      before: { roles: held },
      after: { roles: [...held, role] },
    });
  }
  for (const a of disabled.filter((d) => d.disabledAt!.getTime() > b.windowStart)) {
    b.adminChange(accountsAdmin, a.disabledAt!, "account.update", a, { before: { status: "active" }, after: { status: "disabled" }, reason: "退職" });
  }
  for (const { account, at, reason } of suspensions) {
    b.adminChange(accountsAdmin, at, "account.update", account, { before: { status: "active" }, after: { status: "suspended" }, reason });
  }
  for (let i = 0; i < Math.max(6, Math.round(14 * scale)); i++) {
    const target = rng.pick(staff.filter((a) => a.status === "active"));
    const at = b.businessMoment(rng.int(1, WINDOW_DAYS - 1));
    const actor = rng.chance(0.7) ? accountsAdmin : admin;
    if (rng.chance(0.5)) {
      const previous = rng.pick(departments.filter((d) => d.code !== target.dept.code));
      b.adminChange(actor, at, "account.update", target, { before: { department: previous.name }, after: { department: target.dept.name } });
    } else {
      const oldFamily = rng.pick(FAMILY);
      const given = target.displayName.split(" ")[1] ?? "";
      b.adminChange(actor, at, "account.update", target, {
        before: { displayName: `${oldFamily[0]} ${given}` },
        after: { displayName: target.displayName },
        reason: "改姓",
      });
    }
  }
  // A password is changed while signed in, and never before the account existed.
  for (const a of b.accounts) {
    if (!a.passwordChangedAt) continue;
    if (a.lastSignInAt && a.passwordChangedAt > a.lastSignInAt) a.passwordChangedAt = new Date(a.lastSignInAt.getTime() - rng.int(1, 20) * DAY);
    if (a.passwordChangedAt < a.createdAt) a.passwordChangedAt = new Date(a.createdAt.getTime() + rng.int(10, 120) * MINUTE);
  }

  // ---- lines
  const lines: Prisma.LineCreateManyInput[] = [];
  const lineTarget = Math.max(10, Math.round(350 * scale));
  const spareTarget = Math.max(3, Math.round(25 * scale));
  const recentlyDisabled = disabled.filter((d) => d.disabledAt!.getTime() > b.windowStart);
  const holders = b.accounts.filter((a) => a.status !== "invited" && a.status !== "disabled");
  const secondLine = holders.filter((a) => ["1110", "1120", "6100"].includes(a.dept.code) && rng.chance(0.4));
  const assignees = [...holders, ...secondLine].slice(0, lineTarget - spareTarget - recentlyDisabled.length);
  const activatedFor = (a: PlannedAccount) => new Date(Math.max(a.createdAt.getTime() + rng.int(1, 10) * DAY, now - rng.int(30, 1500) * DAY));
  for (const a of assignees) {
    const suspended = a.status === "suspended";
    lines.push(b.line({ account: a, costCenter: a.dept.name, activatedAt: activatedFor(a), status: suspended ? "suspended" : "active" }));
  }
  // Lost handsets: suspended until found or replaced.
  for (const line of rng.shuffle(lines.filter((l) => l.status === "active")).slice(0, 2)) line.status = "suspended";
  // Leavers' handsets: the latest are still on their way back; earlier ones are back in stock.
  for (const [i, a] of recentlyDisabled.entries()) {
    const pending = i >= recentlyDisabled.length - 3;
    lines.push(b.line({ account: pending ? a : null, costCenter: pending ? a.dept.name : "総務部", activatedAt: activatedFor(a), status: pending ? "pending_return" : "returned" }));
  }
  for (let i = 0; i < spareTarget; i++) {
    const status: LineStatus = i < 2 ? "cancelled" : i === 2 ? "returned" : "active";
    const activatedAt = b.daysAgo(rng.int(30, 900), 11);
    // The cancelled spares ended half way between their activation and yesterday (on the statements until then).
    const endedAt = new Date((activatedAt.getTime() + b.daysAgo(1, 15).getTime()) / 2);
    lines.push(b.line({ account: null, costCenter: "総務部", activatedAt, status, plan: PLANS[0]!, endedAt: status === "cancelled" ? endedAt : undefined }));
  }
  // A port-out in progress: the MNP reservation number expires in three days.
  const porting = lines.find((l) => l.status === "active" && l.assignedAccountId && l.assignedAccountId !== admin.id)!;
  porting.mnpNumber = `${rng.int(1, 9)}${rng.digits(9)}`;
  porting.mnpExpiresAt = new Date(now + 3 * DAY);

  // ---- HR roster: the truth accounts are reconciled against, with the usual disagreements.
  const departmentOf = (a: PlannedAccount) => a.dept.name;
  const jstDate = (d: Date) => {
    const p = tokyoParts(d);
    return new Date(Date.UTC(p.year, p.month - 1, p.day));
  };
  const records: HrPlan[] = [];
  for (const a of b.accounts) {
    if (a.kind !== "employee" || !a.employeeNumber || a === noHrUnknown) continue;
    let employmentStatus: EmploymentStatus = "active";
    let terminationDate: Date | null = null;
    let department = departmentOf(a);
    if (a.status === "disabled") {
      employmentStatus = "terminated";
      terminationDate = jstDate(a.disabledAt!);
    } else if (a === leaver) {
      employmentStatus = "terminated";
      terminationDate = leaverTerminationDate;
    } else if (a === onLeave || a === suspendedOnLeave) {
      employmentStatus = "leave";
    } else if (a === transferred) {
      department = dept("4100").name;
    }
    records.push({ employeeNumber: a.employeeNumber, name: a.displayName, nameKana: a.nameKana, department, employmentStatus, terminationDate });
  }
  // Hired in HR's system, no OCN ID yet.
  const newHire = b.person();
  records.push({
    employeeNumber: b.nextEmployeeNumber(),
    name: `${newHire.family[0]} ${newHire.given[0]}`,
    nameKana: `${newHire.family[1]} ${newHire.given[1]}`,
    department: dept("5100").name,
    employmentStatus: "active",
    terminationDate: null,
  });
  const hrAccount = demo.get("hr")!;
  const hrImportedAt = b.businessMoment(3);
  const p = tokyoParts(hrImportedAt);
  const fileName = `jinji_roster_${p.year}${String(p.month).padStart(2, "0")}${String(p.day).padStart(2, "0")}.csv`;

  // ---- IP allowlist: offices, VPN, and a business-trip entry that has already expired.
  const allowlist: Prisma.IpAllowlistEntryCreateManyInput[] = [
    { organizationId, cidr: "210.130.45.8/29", label: "本社 (東京都港区)", kind: "office", createdById: admin.id, createdAt: b.daysAgo(700, 10) },
    { organizationId, cidr: "61.205.120.32/28", label: "大阪支店", kind: "office", createdById: admin.id, createdAt: b.daysAgo(650, 10) },
    { organizationId, cidr: "202.32.8.96/28", label: "川崎物流センター", kind: "office", createdById: admin.id, createdAt: b.daysAgo(400, 10) },
    { organizationId, cidr: "133.242.17.0/27", label: "リモートアクセス VPN", kind: "vpn", createdById: admin.id, createdAt: b.daysAgo(500, 10) },
    {
      organizationId,
      cidr: "203.0.113.24/32",
      label: "シンガポール出張 (第一営業部)",
      kind: "temporary",
      reason: "海外出張中の受発注対応",
      validFrom: b.daysAgo(25, 0),
      validUntil: b.daysAgo(19, 0),
      createdById: accountsAdmin.id,
      createdAt: b.daysAgo(27, 15),
    },
  ];

  return {
    organizationId,
    departments,
    accounts: b.accounts,
    grants: b.grants,
    lines,
    hr: { importedById: hrAccount.id, fileName, createdAt: hrImportedAt, records },
    allowlist,
    events: b.events,
  };
}

// ---------------------------------------------------------------------------------------------- さくら物流

function planSakura(organizationId: string, now: number): OrgPlan {
  const rng = new Rng(20240167);
  const b = new OrgBuilder(rng, organizationId, SAKURA.domain, now, 3_100);
  const departments = [
    { code: "100", name: "管理部", size: 2, office: "hq" as Office, rate: 1.8, id: randomUUID(), managerId: null as string | null },
    { code: "200", name: "配送センター", size: 3, office: "logistics" as Office, rate: 1.4, id: randomUUID(), managerId: null as string | null },
  ];
  const [mgmt, depot] = departments as [(typeof departments)[number], (typeof departments)[number]];
  const admin = b.addAccount({ family: ["小松", "コマツ", "komatsu"], given: ["正人", "マサト", "masato"], dept: mgmt, local: "admin", createdAt: b.daysAgo(900, 10), demoPassword: true });
  admin.passwordChangedAt = b.daysAgo(20, 9);
  b.grant(admin, "org_admin", { reason: "契約時の初期管理者" });
  mgmt.managerId = admin.id;
  const people: [Name, Name, typeof mgmt][] = [
    [["大野", "オオノ", "ono"], ["恵", "メグミ", "megumi"], mgmt],
    [["桜井", "サクライ", "sakurai"], ["拓也", "タクヤ", "takuya"], depot],
    [["野口", "ノグチ", "noguchi"], ["健一", "ケンイチ", "kenichi"], depot],
    [["平野", "ヒラノ", "hirano"], ["彩", "アヤ", "aya"], depot],
  ];
  for (const [i, [family, given, d]] of people.entries()) {
    const account = b.addAccount({ family, given, dept: d, createdAt: b.daysAgo(rng.int(120, 1500), 10) });
    account.profile.homeIp = homeIp(rng);
    b.grant(account, "member", { grantedById: admin.id, reason: "入社時の標準権限" });
    if (i === 0) b.grant(account, "line_operator", { grantedById: admin.id, reason: "回線管理の担当" });
    if (i === 1) depot.managerId = account.id;
  }
  for (const a of b.accounts) a.profile.office = "sakura";
  b.generateActivity();
  const lines = b.accounts.map((a) => b.line({ account: a, costCenter: a.dept.name, activatedAt: new Date(a.createdAt.getTime() + 3 * DAY) }));
  return {
    organizationId,
    departments,
    accounts: b.accounts,
    grants: b.grants,
    lines,
    hr: null,
    allowlist: [{ organizationId, cidr: "219.101.33.8/30", label: "本社・配送センター", kind: "office", createdById: admin.id, createdAt: b.daysAgo(800, 10) }],
    events: b.events,
  };
}

// ---------------------------------------------------------------------------------------------- writing

const EVENT_COLUMNS: [string, string][] = [
  ["organization_id", "uuid"],
  ["occurred_at", "timestamptz"],
  ["actor_id", "uuid"],
  ["actor_label", "text"],
  ["action", "text"],
  ["target_type", "text"],
  ["target_id", "text"],
  ["target_label", "text"],
  ["outcome", `"AuditOutcome"`],
  ["reason", "text"],
  ["ip", "inet"],
  ["country", "char(2)"],
  ["user_agent", "text"],
  ["details", "jsonb"],
];

const ROLLUP_COLUMNS: [string, string][] = [
  ["organization_id", "uuid"],
  ["hour", "timestamptz"],
  ["success_count", "int"],
  ["failure_count", "int"],
  ["off_hours_count", "int"],
  ["foreign_count", "int"],
];
// Added to the hours a large demo's history (DemoExtension) has already counted.
const ROLLUP_ADD = `ON CONFLICT (organization_id, hour) DO UPDATE SET success_count = sign_in_rollups.success_count + EXCLUDED.success_count,
  failure_count = sign_in_rollups.failure_count + EXCLUDED.failure_count, off_hours_count = sign_in_rollups.off_hours_count + EXCLUDED.off_hours_count,
  foreign_count = sign_in_rollups.foreign_count + EXCLUDED.foreign_count`;

/**
 * Bulk insert through one jsonb parameter per chunk: PGlite binds parameters slowly enough that createMany
 * with 14 columns × 40k rows takes ~18 s, against ~3 s this way.
 */
export async function insertJsonRows(tx: Tx, table: string, columns: [string, string][], rows: Record<string, unknown>[], onConflict = ""): Promise<void> {
  const names = columns.map(([name]) => name).join(", ");
  const types = columns.map(([name, type]) => `${name} ${type}`).join(", ");
  const sql = `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${types}) ${onConflict}`;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + INSERT_CHUNK)));
  }
}

interface RollupRow {
  organization_id: string;
  hour: string;
  success_count: number;
  failure_count: number;
  off_hours_count: number;
  foreign_count: number;
}

function rollups(events: SeedEvent[], hours: { startHour: number; endHour: number }): RollupRow[] {
  const byHour = new Map<string, RollupRow>();
  for (const e of events) {
    if (e.action !== "auth.sign_in" || !e.organizationId) continue;
    const hour = new Date(Math.floor(e.occurredAt.getTime() / HOUR) * HOUR).toISOString();
    const key = `${e.organizationId}|${hour}`;
    let row = byHour.get(key);
    if (!row) {
      row = { organization_id: e.organizationId, hour, success_count: 0, failure_count: 0, off_hours_count: 0, foreign_count: 0 };
      byHour.set(key, row);
    }
    if (e.outcome === "success") {
      row.success_count++;
      if (isOffHours(e.occurredAt, hours)) row.off_hours_count++;
    } else {
      row.failure_count++;
    }
    if (e.country && e.country !== "JP") row.foreign_count++;
  }
  return [...byHour.values()];
}

async function writePlan(
  tx: Tx,
  plan: OrgPlan,
  roleIds: Record<BuiltInRoleKey, string>,
  hashes: { demo: string; staff: string },
  history?: (tx: Tx) => Promise<number>,
): Promise<number> {
  const { organizationId } = plan;
  await tx.department.createMany({
    data: plan.departments.map((d) => ({ id: d.id, organizationId, code: d.code, name: d.name, managerId: d.managerId })),
  });
  await tx.account.createMany({
    data: plan.accounts.map((a) => ({
      id: a.id,
      organizationId,
      loginId: a.loginId,
      email: a.loginId,
      displayName: a.displayName,
      nameKana: a.nameKana,
      employeeNumber: a.employeeNumber,
      departmentId: a.dept.id,
      kind: a.kind,
      contractorCompany: a.contractorCompany,
      status: a.status,
      passwordHash: a.hasPassword ? (a.demoPassword ? hashes.demo : hashes.staff) : null,
      // Everyone who has signed in before has an authenticator app enrolled (the demo's secrets are derivable).
      ...(a.hasPassword && (a.lastSignInAt || a.demoPassword)
        ? { totpSecret: sealSecret(demoTotpSecret(a.loginId), a.id), totpEnabledAt: a.createdAt }
        : {}),
      passwordChangedAt: a.passwordChangedAt,
      sessionVersion: a.sessionVersion,
      lockedUntil: a.lockedUntil,
      lockCount: a.lockCount,
      lastSignInAt: a.lastSignInAt,
      disabledAt: a.disabledAt,
      createdAt: a.createdAt,
      updatedAt: a.disabledAt ?? a.createdAt,
    })),
  });
  await tx.roleGrant.createMany({
    data: plan.grants.map((g) => ({
      organizationId,
      accountId: g.accountId,
      roleId: roleIds[g.role],
      grantedById: g.grantedById,
      reason: g.reason,
      startsAt: g.startsAt,
      endsAt: g.endsAt,
      revokedAt: g.revokedAt,
      revokedById: g.revokedById,
      sodJustification: g.sodJustification ?? null,
      createdAt: g.startsAt,
    })),
  });
  await tx.line.createMany({ data: plan.lines });
  await tx.ipAllowlistEntry.createMany({ data: plan.allowlist });
  if (plan.hr) {
    const hrImport = await tx.hrImport.create({
      // As HR's system writes it (Shift_JIS), and as the first import: every person created.
      data: { organizationId, importedById: plan.hr.importedById, fileName: plan.hr.fileName, rowCount: plan.hr.records.length, encoding: "shift_jis", createdCount: plan.hr.records.length, createdAt: plan.hr.createdAt },
      select: { id: true },
    });
    await tx.hrRosterRecord.createMany({
      data: plan.hr.records.map((r) => ({ ...r, organizationId, importId: hrImport.id, updatedAt: plan.hr!.createdAt })),
    });
  }
  // History first in the chain (see DemoExtension): the plan's own events, and only they, are judged below.
  const historyEvents = history ? await history(tx) : 0;
  const [historyEnd] = history
    ? await tx.$queryRaw<{ seq: bigint | null }[]>`SELECT max(chain_seq) AS seq FROM audit_events WHERE organization_id = ${organizationId}::uuid`
    : [];
  const events = plan.events.sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime());
  await insertJsonRows(
    tx,
    "audit_events",
    EVENT_COLUMNS,
    events.map((e) => ({
      organization_id: e.organizationId,
      occurred_at: e.occurredAt.toISOString(),
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      target_label: e.targetLabel,
      outcome: e.outcome,
      reason: e.reason,
      ip: e.ip,
      country: e.country,
      user_agent: e.userAgent,
      details: e.details,
    })),
  );
  await insertJsonRows(tx, "sign_in_rollups", ROLLUP_COLUMNS, rollups(events, { startHour: 8, endHour: 20 }) as unknown as Record<string, unknown>[], ROLLUP_ADD);
  await tx.$executeRaw(rebuildSignInDimRollupsSql(organizationId));
  // 出張の届け出: the Singapore trip was filed in advance, so its sign-ins raise no foreign-country alert (the US and Korea trips were not).
  const today = startOfTokyoDay(events.at(-1)?.occurredAt ?? new Date()).getTime();
  const filed = plan.accounts.flatMap((a) => a.trips.filter((trip) => trip.country === "SG").map((trip) => ({ accountId: a.id, trip })));
  await tx.travelNotice.createMany({
    data: filed.map(({ accountId, trip }) => ({
      organizationId,
      accountId,
      countries: [trip.country],
      startsAt: new Date(today - trip.from * DAY),
      endsAt: new Date(today - (trip.to - 1) * DAY - 1),
      note: "シンガポール出張（事前届け出）",
      createdAt: new Date(today - (trip.from + 7) * DAY),
    })),
  });
  // The alerts these events would have raised, had they come in one by one.
  await backfillDetections(tx, organizationId, {
    resolveBefore: new Date((events.at(-1)?.occurredAt.getTime() ?? 0) - 7 * DAY),
    afterSeq: historyEnd ? (historyEnd.seq ?? 0n) : undefined,
  });
  // Counted and judged above: the processor starts after them.
  await markSignInsProcessed(tx, organizationId);
  return events.length + historyEvents;
}

// ---------------------------------------------------------------------------------------------- billing and requests

/**
 * Invoice recipients for both companies, and in みなと商事 the change requests a Monday morning would find: a line
 * going abroad and a new invoice address waiting for approval, one plan change approved and applied, one refused.
 */
async function seedBillingAndRequests(tx: Tx, orgs: { minato: string; sakura: string | null }, now: number): Promise<void> {
  await tx.billingProfile.create({
    data: { organizationId: orgs.minato, recipientName: `${MINATO.name} 経理部 御中`, recipientDepartment: "経理部", invoiceEmail: `keiri@${MINATO.domain}`, updatedAt: new Date(now - 400 * DAY) },
  });
  if (orgs.sakura) {
    await tx.billingProfile.create({
      data: { organizationId: orgs.sakura, recipientName: `${SAKURA.name} 管理部 御中`, recipientDepartment: "管理部", invoiceEmail: `kanri@${SAKURA.domain}`, updatedAt: new Date(now - 300 * DAY) },
    });
  }
  const organizationId = orgs.minato;
  const person = (local: string) =>
    tx.account.findUniqueOrThrow({ where: { loginId: `${local}@${MINATO.domain}` }, select: { id: true, loginId: true } });
  const [accounts, lines] = await Promise.all([person("accounts"), person("lines")]);
  const salesLines = await tx.line.findMany({
    where: { organizationId, status: "active", plan: "OCNモバイル 10GB", internationalRoaming: false, mnpNumber: null, assignedAccount: { status: "active", department: { code: "1110" } } },
    orderBy: { phoneNumber: "asc" },
    take: 3,
    select: { id: true, phoneNumber: true, costCenter: true, assignedAccount: { select: { displayName: true } } },
  });
  const [abroad, upgraded, moved] = salesLines;
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);
  const audit = (e: { at: Date; actor: { id: string; loginId: string }; action: string; targetType: string; targetId: string; targetLabel: string; reason: string | null; details: Prisma.InputJsonValue }) =>
    tx.auditEvent.create({
      data: {
        organizationId,
        occurredAt: e.at,
        actorId: e.actor.id,
        actorLabel: e.actor.loginId,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        targetLabel: e.targetLabel,
        outcome: "success",
        reason: e.reason,
        ip: OFFICE_IPS.hq[0]!,
        country: "JP",
        userAgent: DESKTOP_UAS[0]!,
        details: e.details,
      },
    });
  const file = async (r: {
    kind: "line_settings" | "billing_profile";
    targetType: string;
    targetId: string;
    targetLabel: string;
    payload: Prisma.InputJsonObject;
    changes: { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[];
    reason: string;
    by: { id: string; loginId: string };
    filedAt: Date;
    decision?: { by: { id: string; loginId: string }; at: Date; status: "approved" | "rejected"; note: string | null };
  }) => {
    const domain = r.kind === "line_settings" ? "lines" : "billing";
    const request = await tx.changeRequest.create({
      data: {
        organizationId,
        domain,
        kind: r.kind,
        targetType: r.targetType,
        targetId: r.targetId,
        payload: r.payload,
        diff: { targetLabel: r.targetLabel, changes: r.changes },
        reason: r.reason,
        requestedById: r.by.id,
        createdAt: r.filedAt,
        status: r.decision?.status ?? "pending",
        decidedById: r.decision?.by.id ?? null,
        decidedAt: r.decision?.at ?? null,
        decisionNote: r.decision?.note ?? null,
        appliedAt: r.decision?.status === "approved" ? r.decision.at : null,
      },
      select: { id: true },
    });
    const target = { targetType: r.targetType, targetId: r.targetId, targetLabel: r.targetLabel };
    await audit({ at: r.filedAt, actor: r.by, action: "request.filed", ...target, reason: r.reason, details: { requestId: request.id, kind: r.kind, changes: r.changes } });
    if (!r.decision) return;
    const side = (k: "before" | "after") => Object.fromEntries(r.changes.map((c) => [c.field, c[k]]));
    if (r.decision.status === "approved") {
      await audit({ at: r.decision.at, actor: r.decision.by, action: r.kind === "line_settings" ? "line.settings_changed" : "billing.profile_changed", ...target, reason: r.reason, details: { before: side("before"), after: side("after"), requestId: request.id } });
    }
    await audit({
      at: r.decision.at,
      actor: r.decision.by,
      action: `request.${r.decision.status}`,
      ...target,
      reason: r.decision.note,
      details: { requestId: request.id, kind: r.kind, before: { status: "pending" }, after: { status: r.decision.status }, changes: r.changes },
    });
  };
  const lineSettings = (l: { costCenter: string | null }, change: Record<string, string | number | boolean | null>) => ({
    plan: "OCNモバイル 10GB",
    dataAllowanceGb: 10,
    internationalRoaming: false,
    costCenter: l.costCenter,
    ...change,
  });

  // A small demo (a low scale) may have fewer such lines: the requests on them are left out.
  if (abroad) await file({
    kind: "line_settings",
    targetType: "line",
    targetId: abroad.id,
    targetLabel: abroad.phoneNumber,
    payload: lineSettings(abroad, { internationalRoaming: true }),
    changes: [{ field: "internationalRoaming", before: false, after: true }],
    reason: `${abroad.assignedAccount!.displayName} さんが来週からシンガポールへ出張 (5 日間) するため。現地でも受発注の連絡を受けられるようにしたい。`,
    by: accounts,
    filedAt: at(3),
  });
  await file({
    kind: "billing_profile",
    targetType: "billing_profile",
    targetId: organizationId,
    targetLabel: MINATO.name,
    payload: { recipientName: `${MINATO.name} 経理部 御中`, recipientDepartment: "経理部 支払グループ", invoiceEmail: `seikyu@${MINATO.domain}` },
    changes: [
      { field: "recipientDepartment", before: "経理部", after: "経理部 支払グループ" },
      { field: "invoiceEmail", before: `keiri@${MINATO.domain}`, after: `seikyu@${MINATO.domain}` },
    ],
    reason: "来月から請求書の受付が経理部 支払グループの共用アドレスに変わるため (経理部からの依頼)。",
    by: lines,
    filedAt: at(26),
  });
  const approvedAt = at(6 * 24 - 2);
  if (upgraded) await file({
    kind: "line_settings",
    targetType: "line",
    targetId: upgraded.id,
    targetLabel: upgraded.phoneNumber,
    payload: lineSettings(upgraded, { plan: "OCNモバイル 20GB", dataAllowanceGb: 20 }),
    changes: [
      { field: "plan", before: "OCNモバイル 10GB", after: "OCNモバイル 20GB" },
      { field: "dataAllowanceGb", before: 10, after: 20 },
    ],
    reason: "外出先での Web 会議が増え、毎月 10GB を超えて速度制限がかかっているため。",
    by: accounts,
    filedAt: at(6 * 24 + 18),
    decision: { by: lines, at: approvedAt, status: "approved", note: "先月・先々月の利用量を確認しました。" },
  });
  if (upgraded) await tx.line.update({ where: { id: upgraded.id }, data: { plan: "OCNモバイル 20GB", dataAllowanceGb: 20, updatedAt: approvedAt } });
  if (moved) await file({
    kind: "line_settings",
    targetType: "line",
    targetId: moved.id,
    targetLabel: moved.phoneNumber,
    payload: lineSettings(moved, { costCenter: "マーケティング部" }),
    changes: [{ field: "costCenter", before: moved.costCenter, after: "マーケティング部" }],
    reason: "マーケティング部へ異動予定のため。",
    by: accounts,
    filedAt: at(10 * 24 + 5),
    decision: { by: lines, at: at(10 * 24 + 1), status: "rejected", note: "異動の発令前です。人事部からの発令後に改めて申請してください。" },
  });
}

/** みなと商事 as a DemoExtension sees it. */
export interface DemoOrganization {
  id: string;
  roleIds: Record<BuiltInRoleKey, string>;
  departments: { id: string; code: string; name: string; office: Office; size: number }[];
}

/**
 * More of みなと商事, written inside the demo's own transaction (the large demo: scripts/lib/seed-large.ts). Events
 * written by `beforeEvents` come first in the organization's hash chain, ahead of the demo's own 90 days, so history
 * that is older sits earlier in the chain and retention can drop its months whole. They count as history: the
 * extension adds them to the hourly rollups itself; the per-day rollups are rebuilt over all events; the detections
 * judge only the demo's own events; the processing cursor ends past all of them.
 */
export interface DemoExtension {
  /** How long the whole seeding transaction may take. */
  timeoutMs: number;
  /** Once the departments, the demo's accounts, grants and lines exist; returns the audit events it wrote. */
  beforeEvents(tx: Tx, org: DemoOrganization): Promise<number>;
  /** Last, once everything else of the demo is written. */
  after(tx: Tx, org: DemoOrganization): Promise<void>;
}

export interface SeedResult {
  seeded: boolean;
  credentials: DemoCredential[];
  /** Audit events written (0 when nothing was seeded). */
  events: number;
}

/** Seeds both demo organizations in one transaction, unless みなと商事 is already there. */
export async function seedDemo(db: Db, options: { now?: Date; scale?: number; extension?: DemoExtension } = {}): Promise<SeedResult> {
  const now = (options.now ?? new Date()).getTime();
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError("seedDemo: scale must be positive");
  const credentials = DEMO_CREDENTIALS;
  if (await db.organization.findUnique({ where: { customerNumber: DEMO_CUSTOMER_NUMBER }, select: { id: true } })) {
    return { seeded: false, credentials, events: 0 };
  }
  const hashes = { demo: await cachedHash(DEMO_PASSWORD), staff: await cachedHash(STAFF_PASSWORD) };
  const created = new Date(now - 3 * 365 * DAY);
  const events = await db.$transaction(
    async (tx) => {
      const minato = await createOrganization(tx, { name: MINATO.name, nameKana: MINATO.nameKana, customerNumber: DEMO_CUSTOMER_NUMBER, createdAt: created });
      await tx.organization.update({ where: { id: minato.id }, data: { isDemo: true } });
      const plan = planMinato(minato.id, now, scale);
      const extension = options.extension;
      const extended: DemoOrganization = {
        id: minato.id,
        roleIds: minato.roleIds,
        departments: plan.departments.map(({ id, code, name, office, size }) => ({ id, code, name, office, size })),
      };
      let count = await writePlan(tx, plan, minato.roleIds, hashes, extension && ((t) => extension.beforeEvents(t, extended)));
      await seedOffboarding(tx, minato.id, now);
      const sakuraExists = await tx.organization.findUnique({ where: { customerNumber: SAKURA_CUSTOMER_NUMBER }, select: { id: true } });
      let sakuraId: string | null = null;
      if (!sakuraExists) {
        const sakura = await createOrganization(tx, { name: SAKURA.name, nameKana: SAKURA.nameKana, customerNumber: SAKURA_CUSTOMER_NUMBER, createdAt: created });
        await tx.organization.update({ where: { id: sakura.id }, data: { isDemo: true } });
        count += await writePlan(tx, planSakura(sakura.id, now), sakura.roleIds, hashes);
        sakuraId = sakura.id;
      }
      await seedBillingAndRequests(tx, { minato: minato.id, sakura: sakuraId }, now);
      await seedStatements(tx, minato.id, MINATO_CONTRACT, now);
      if (sakuraId) await seedStatements(tx, sakuraId, SAKURA_CONTRACT, now);
      await seedCompliance(tx, minato.id, now);
      await extension?.after(tx, extended);
      return count;
    },
    { timeout: options.extension?.timeoutMs ?? 300_000, maxWait: 60_000 },
  );
  return { seeded: true, credentials, events };
}

// ---------------------------------------------------------------------------------------------- statements

const MINATO_CONTRACT = {
  name: MINATO.name,
  kana: "カブシキガイシャミナトショウジ",
  latin: "MINATO SHOJI CO., LTD.",
  payment: {
    method: "bank_transfer",
    holderName: "カ)ミナトシヨウジ",
    bankName: "みずほ銀行",
    bankCode: "0001",
    branchName: "丸の内支店",
    branchCode: "110",
    accountType: "ordinary",
    accountLast4: "4821",
  },
} as const;
const SAKURA_CONTRACT = {
  name: SAKURA.name,
  kana: "カブシキガイシャサクラブツリユウ",
  latin: "SAKURA LOGISTICS CO., LTD.",
  payment: { method: "card", holderName: "SAKURA LOGISTICS CO LTD", cardBrand: "visa", cardLast4: "1881", cardExpMonth: 9, cardExpYear: 2029 },
} as const;

/** A stable number in [0, 1) from a text: the demo's usage is the same on every machine. */
function unitHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/**
 * The contract name and payment method, each line's data use for the past twelve months and this one so far, 容量追加
 * where a line ran short, and the twelve statements those months issued (by the console's own issuer).
 */
async function seedStatements(
  tx: Tx,
  organizationId: string,
  contract: { name: string; kana: string; latin: string; payment: Omit<Prisma.PaymentMethodUncheckedCreateInput, "organizationId"> },
  now: number,
): Promise<void> {
  await tx.organization.update({ where: { id: organizationId }, data: { contractName: contract.name, contractNameKana: contract.kana, contractNameLatin: contract.latin } });
  await tx.paymentMethod.create({ data: { organizationId, ...contract.payment, updatedAt: new Date(now - 500 * DAY) } });
  const lines = await tx.line.findMany({
    where: { organizationId },
    select: { id: true, status: true, dataAllowanceGb: true, activatedAt: true, createdAt: true, endedAt: true, assignedAccountId: true },
  });
  const thisMonth = monthKeyOf(new Date(now));
  const usage: Prisma.LineUsageCreateManyInput[] = [];
  const addons: Prisma.LineDataAddonCreateManyInput[] = [];
  for (let back = 12; back >= 0; back--) {
    const month = addMonths(thisMonth, -back);
    const { start, end } = monthRange(month);
    // This month is under way: use so far grows with the days gone.
    const part = back === 0 ? Math.min(1, (now - start.getTime()) / (end.getTime() - start.getTime())) : 1;
    for (const l of lines) {
      const from = l.activatedAt ?? l.createdAt;
      if (from >= end) continue;
      if (l.endedAt && l.endedAt < start) continue;
      const r = unitHash(`${l.id}:${month}`);
      const heavy = r > 0.93 && l.status === "active" && l.assignedAccountId !== null;
      const extra = heavy ? (r > 0.98 ? 3 : 1) : 0;
      const used = Math.round(l.dataAllowanceGb * (heavy ? 1 + extra / l.dataAllowanceGb - 0.05 * r : 0.2 + 0.75 * r) * part * 100) / 100;
      usage.push({ organizationId, lineId: l.id, month: monthDate(month), usedGb: used, updatedAt: back === 0 ? new Date(now) : end });
      if (extra > 0 && back > 0) {
        addons.push({ organizationId, lineId: l.id, month: monthDate(month), gb: extra, priceYen: addonPriceYen(extra), createdAt: new Date(start.getTime() + (10 + Math.floor(r * 15)) * DAY) });
      }
    }
  }
  await tx.lineUsage.createMany({ data: usage });
  await tx.lineDataAddon.createMany({ data: addons });
  for (let back = 12; back >= 1; back--) {
    const month = addMonths(thisMonth, -back);
    // Issued on the 3rd of the month after, at 06:00 JST.
    await issueStatement(tx, organizationId, month, new Date(monthRange(addMonths(month, 1)).start.getTime() + 2 * DAY + 6 * HOUR), { notify: false });
  }
}

// ---------------------------------------------------------------------------------------------- offboarding

/**
 * Offboarding cases for the demo, from the people the plan already made leave: each recent leaver whose handset is
 * still on its way back has a case in progress (credentials wiped, statements exported, the SIM return open — overdue
 * where the 14 days have passed — and the line's decision open); earlier leavers have completed cases. One contractor
 * leaves at the end of this month (JST, 18:00): a scheduled case, whose access end already holds.
 */
async function seedOffboarding(tx: Tx, organizationId: string, now: number): Promise<void> {
  const hr = await tx.account.findFirst({ where: { organizationId, loginId: `hr@${MINATO.domain}` }, select: { id: true, loginId: true } });
  const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { simReturnDays: true } });
  const leavers = await tx.account.findMany({
    where: { organizationId, status: "disabled", disabledAt: { gte: new Date(now - 120 * DAY) } },
    orderBy: { disabledAt: "asc" },
    select: { id: true, loginId: true, displayName: true, disabledAt: true, lines: { select: { id: true, simType: true, status: true } } },
  });
  for (const leaver of leavers) {
    const at = leaver.disabledAt!;
    const pendingLines = leaver.lines.filter((l) => l.status === "pending_return");
    const done = pendingLines.length === 0;
    const c = await tx.offboardingCase.create({
      data: {
        organizationId,
        accountId: leaver.id,
        trigger: "leaving",
        effectiveAt: at,
        appliedAt: at,
        status: done ? "completed" : "in_progress",
        completedAt: done ? new Date(at.getTime() + 3 * DAY) : null,
        initiatedById: hr?.id ?? null,
        subjectLabel: `${leaver.displayName} (${leaver.loginId})`,
        note: "退職（自己都合）",
        grantsSnapshot: [{ role: "member", roleName: "メンバー", startsAt: at.toISOString(), endsAt: null }],
        createdAt: new Date(at.getTime() - 7 * DAY),
      },
      select: { id: true },
    });
    const closed = (kind: "wipe_device_credentials" | "export_statements", lineId: string | null, days: number, extra: Prisma.OffboardingTaskCreateManyInput["evidence"] | null, note: string | null) => ({
      organizationId,
      caseId: c.id,
      kind,
      lineId,
      ownerRoleKey: kind === "wipe_device_credentials" ? "account_admin" : "billing_manager",
      dueAt: new Date(at.getTime() + (kind === "wipe_device_credentials" ? 1 : 7) * DAY),
      status: "done" as const,
      evidence: extra ?? undefined,
      note,
      completedAt: new Date(at.getTime() + days * DAY),
      completedByLabel: kind === "wipe_device_credentials" ? `accounts@${MINATO.domain}` : `billing@${MINATO.domain}`,
    });
    const tasks: Prisma.OffboardingTaskCreateManyInput[] = [closed("wipe_device_credentials", null, 0.2, { mailClientWiped: true, appWiped: true }, null)];
    for (const line of pendingLines) {
      tasks.push(closed("export_statements", line.id, 1, null, "経理共有フォルダ/回線明細/退職者"));
      tasks.push({ organizationId, caseId: c.id, kind: "return_sim", lineId: line.id, ownerRoleKey: "line_operator", dueAt: new Date(at.getTime() + org.simReturnDays * DAY) });
      tasks.push({ organizationId, caseId: c.id, kind: "decide_line", lineId: line.id, ownerRoleKey: "line_operator", dueAt: new Date(at.getTime() + 7 * DAY) });
    }
    await tx.offboardingTask.createMany({ data: tasks });
  }

  // 契約終了: a contractor leaves at 18:00 JST on the last day of this month.
  const contractor = await tx.account.findFirst({
    where: { organizationId, kind: "contractor", status: "active", lines: { some: { status: "active" } } },
    orderBy: { loginId: "asc" },
    select: { id: true, loginId: true, displayName: true, lines: { select: { id: true, simType: true, status: true } } },
  });
  if (!contractor) return;
  const p = tokyoParts(new Date(now));
  let effectiveAt = new Date(Date.UTC(p.year, p.month, 0, 18 - 9));
  if (effectiveAt.getTime() <= now + DAY) effectiveAt = new Date(Date.UTC(p.year, p.month + 1, 0, 18 - 9));
  const c = await tx.offboardingCase.create({
    data: {
      organizationId,
      accountId: contractor.id,
      trigger: "contract_end",
      effectiveAt,
      status: "scheduled",
      initiatedById: hr?.id ?? null,
      subjectLabel: `${contractor.displayName} (${contractor.loginId})`,
      note: "委託契約の満了",
      grantsSnapshot: [],
      createdAt: new Date(now - 2 * DAY),
    },
    select: { id: true },
  });
  const planned = planOffboardingTasks("contract_end", effectiveAt, contractor.lines, org.simReturnDays);
  await tx.offboardingTask.createMany({ data: planned.map((t) => ({ organizationId, caseId: c.id, kind: t.kind, lineId: t.lineId, ownerRoleKey: t.ownerRoleKey, dueAt: t.dueAt })) });
  await tx.account.update({ where: { id: contractor.id }, data: { accessEndsAt: effectiveAt } });
}

// ---------------------------------------------------------------------------------------------- compliance calendar

/**
 * The last three months' IP allowlist reviews and reconciliations with HR, recorded by the security auditor with what
 * was checked; this month's are still open (the sweeper adds the weekly log audits and per-event tasks).
 */
async function seedCompliance(tx: Tx, organizationId: string, now: number): Promise<void> {
  const auditor = await tx.account.findFirst({ where: { organizationId, loginId: `security@${MINATO.domain}` }, select: { id: true, loginId: true, displayName: true } });
  const by = auditor ? { completedById: auditor.id, completedByLabel: `${auditor.displayName} (${auditor.loginId})` } : {};
  const month = monthKeyOf(new Date(now));
  const notes = {
    ip_allowlist_monthly: [
      "許可リスト 9 件を確認。期限切れの一時許可 1 件 (大阪出張) を削除。",
      "許可リスト 8 件を確認。退去した横浜営業所の 1 件を削除。",
      "許可リスト 8 件を確認。変更なし。",
    ],
    permission_reconciliation_monthly: [
      "人事データと照合。退職者 2 名の有効なアカウントを無効化、部署の不一致 1 件を修正。",
      "人事データと照合。休職中の 1 名の回線を一時停止。",
      "人事データと照合。差異なし。",
    ],
  } as const;
  const rows: Prisma.ComplianceTaskCreateManyInput[] = [];
  for (const kind of ["ip_allowlist_monthly", "permission_reconciliation_monthly"] as const) {
    for (let back = 1; back <= 3; back++) {
      const period = addMonths(month, -back);
      const task = monthlyTask(kind, period);
      rows.push({
        organizationId,
        kind,
        title: kind === "ip_allowlist_monthly" ? `IPアクセス制限の許可リストの見直し (${period})` : `人事データとの権限の照合 (${period})`,
        periodKey: period,
        dueAt: task.dueAt,
        ownerDomain: COMPLIANCE_OWNERS[kind].domain,
        status: "done",
        note: notes[kind][back - 1]!,
        evidence: { kind: "manual", url: kind === "ip_allowlist_monthly" ? "/audit?action=network.allowlist_entry_revoked" : `https://wiki.${MINATO.domain}/security/reconciliation/${period}` },
        // Recorded on (or the day before) the due day: the allowlist in the afternoon, the reconciliation in the morning.
        completedAt: new Date(task.dueAt.getTime() - (kind === "ip_allowlist_monthly" ? 8 : 13) * HOUR - 23 * 60_000 - (back % 2) * DAY),
        ...by,
      });
    }
    const open = monthlyTask(kind, month);
    rows.push({ organizationId, kind, title: kind === "ip_allowlist_monthly" ? `IPアクセス制限の許可リストの見直し (${month})` : `人事データとの権限の照合 (${month})`, periodKey: month, dueAt: open.dueAt, ownerDomain: COMPLIANCE_OWNERS[kind].domain });
  }
  await tx.complianceTask.createMany({ data: rows });
}
