// Runs once when a server process starts: the background sweepers (Node.js runtime only).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startSweepers } = await import("./lib/server/sweepers");
    startSweepers();
  }
}
