// Prints the demo sign-in credentials as a small table.
export function printCredentials(credentials: { loginId: string; password: string; role: string; organization: string }[]): void {
  if (credentials.length === 0) return;
  console.log("\nDemo sign-in (OCN ID / password):");
  const width = Math.max(...credentials.map((c) => c.loginId.length));
  for (const c of credentials) console.log(`  ${c.loginId.padEnd(width)}  ${c.password}  ${c.role} — ${c.organization}`);
  console.log("\nTwo-step verification is on: the one-time code of a demo account is printed by");
  console.log("  npm run demo:otp -- admin@minato-shoji.example.jp");
  console.log("");
}
