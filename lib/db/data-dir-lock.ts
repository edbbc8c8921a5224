import fs from "node:fs";
import path from "node:path";

/**
 * PGlite has no cross-process locking: two processes opening one data folder would corrupt it.
 * The first process to open the folder writes its pid to `.lock`; any other process refuses
 * while that pid is alive. A lock left behind by a dead process is taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${ownerPid} (is the app running?). ` +
        "Stop that process first, or point DATABASE_URL at a PostgreSQL server to share a database.",
    );
    this.name = "DataDirInUseError";
  }
}

/** Each held lock file, with the exit listener that removes it if the process ends holding it. */
const held = new Map<string, () => void>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dir: string): void {
  const lockFile = path.join(dir, ".lock");
  if (held.has(lockFile)) return;
  fs.mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      const onExit = () => unlockDataDir(dir);
      held.set(lockFile, onExit);
      process.once("exit", onExit);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const ownerPid = Number(fs.readFileSync(lockFile, "utf8").trim());
      if (ownerPid === process.pid) return;
      if (Number.isInteger(ownerPid) && ownerPid > 0 && isAlive(ownerPid)) {
        throw new DataDirInUseError(dir, ownerPid);
      }
      fs.rmSync(lockFile, { force: true }); // stale: its owner died
    }
  }
  throw new Error(`Could not lock ${dir}`);
}

export function unlockDataDir(dir: string): void {
  const lockFile = path.join(dir, ".lock");
  const onExit = held.get(lockFile);
  if (!onExit) return;
  held.delete(lockFile);
  // A process that opens and closes the folder many times (a test, a long CLI run) keeps no listeners.
  process.off("exit", onExit);
  try {
    if (fs.readFileSync(lockFile, "utf8").trim() === String(process.pid)) fs.rmSync(lockFile);
  } catch {
    // already gone
  }
}
