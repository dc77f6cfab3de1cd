/**
 * The reasons a start can fail that are the operator's to fix — a database that refuses, does not
 * answer or cannot be opened, a port already taken — as one line naming the setting, instead of a
 * stack trace. main prints the line and exits non-zero; the cause stays attached for debugging.
 */

/** A start that cannot go on, with a message meant for the operator. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}

/** Why connecting to the database failed, in one line naming the settings to check. */
export function databaseStartupError(error: unknown, url: string, connectTimeoutMs: number): StartupError {
  const where = databaseLocation(url);
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  let text: string;
  if (/connection timeout|timeout expired|timeout exceeded when trying to connect/i.test(message))
    text = `the database at ${where} did not answer within ${connectTimeoutMs / 1000} s (check DATABASE_URL; DATABASE_CONNECT_TIMEOUT_SECONDS sets the wait)`;
  else if (code === "ECONNREFUSED")
    text = `the database at ${where} refused the connection (check DATABASE_URL and that the server is running)`;
  else if (code === "ENOTFOUND" || code === "EAI_AGAIN") text = `the database host in DATABASE_URL (${where}) was not found`;
  else if (code === "28P01" || code === "28000") text = `the database at ${where} refused the credentials in DATABASE_URL`;
  else if (code === "3D000") text = `the database named in DATABASE_URL does not exist on ${where}`;
  else text = `the database at ${where} could not be opened (DATABASE_URL): ${firstLine(message)}`;
  return new StartupError(text, { cause: error });
}

/** Why a port could not be bound, naming the setting that chose it. */
export function listenStartupError(error: unknown, setting: "PORT" | "METRICS_PORT", host: string, port: number): StartupError {
  const code = errorCode(error);
  const text =
    code === "EADDRINUSE"
      ? `port ${port} on ${host} is already in use (${setting}): stop the other process or choose another port`
      : code === "EACCES"
        ? `port ${port} on ${host} needs privileges this process does not have (${setting}): choose a port above 1023`
        : code === "EADDRNOTAVAIL"
          ? `${host} is not an address of this machine (${setting === "PORT" ? "HOST" : "METRICS_HOST"})`
          : `could not listen on ${host}:${port} (${setting}): ${firstLine(error instanceof Error ? error.message : String(error))}`;
  return new StartupError(text, { cause: error });
}

/** Host and port of a PostgreSQL URL, the file of a SQLite one; never the credentials. */
function databaseLocation(url: string): string {
  if (url.startsWith("file:")) return url.slice("file:".length).split("?")[0] ?? url;
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** The system or server error code, also when Node reports several attempts (IPv6 and IPv4) at once. */
function errorCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | undefined)?.code;
  if (typeof own === "string") return own;
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return undefined;
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.slice(0, 300);
}
