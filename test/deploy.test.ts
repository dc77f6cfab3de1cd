/**
 * The deployment files: the image runs compiled code as a non-root user from root-owned files, and
 * the compose file (checked by `docker compose config` itself where Docker is installed) gives both
 * replicas every setting and their volumes, and keeps the operators' endpoints off the proxy.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("the Dockerfile", () => {
  const text = readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
  const stages = text.split(/^FROM /m).slice(1);
  const runStage = stages.at(-1)!;

  it("builds in one stage and runs on the same current LTS Node in another", () => {
    const images = stages.map((stage) => stage.split(/\s/)[0]!);
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(new Set(images).size).toBe(1);
    const major = Number(/^node:(\d+)/.exec(images[0]!)?.[1]);
    // Even majors are the LTS lines; 20 reached its end of life.
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(22);
    expect(stages[0]).toMatch(/npm run build/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
  });

  it("runs the compiled server as a non-root user from files root owns", () => {
    expect(runStage).toMatch(/^USER node$/m);
    expect(runStage).not.toMatch(/--chown/);
    expect(runStage).toMatch(/^CMD \["node", "dist\/app\/main\.js", "--no-shell"\]$/m);
    expect(runStage).not.toMatch(/tsx/);
    expect(runStage).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
  });
});

const compose = spawnSync("docker", ["compose", "version"], { encoding: "utf8" });
const hasCompose = compose.status === 0;
if (!hasCompose) console.info("skipped: `docker compose` is not available here, so docker-compose.yml is not validated");

describe.skipIf(!hasCompose)("docker compose config", () => {
  interface Service {
    env_file?: unknown[];
    environment?: Record<string, string>;
    volumes?: { target: string; read_only?: boolean }[];
    ports?: unknown[];
    read_only?: boolean;
  }
  const config = () =>
    JSON.parse(
      execFileSync("docker", ["compose", "-f", "docker-compose.yml", "config", "--format", "json"], {
        cwd: ROOT,
        env: { ...process.env, POSTGRES_PASSWORD: "compose-check" },
        encoding: "utf8",
      }),
    ) as { services: Record<string, Service>; configs: Record<string, { content: string }> };

  it("runs two replicas with every setting, their volumes and a read-only root", () => {
    const { services } = config();
    for (const name of ["app1", "app2"]) {
      const app = services[name]!;
      expect(app.env_file?.length).toBeGreaterThan(0);
      expect(app.environment?.MICROSOFT_APP_TYPE).toBe("SingleTenant");
      expect(app.read_only).toBe(true);
      expect(app.volumes?.map((volume) => volume.target).sort()).toEqual(["/app/data", "/catalog", "/knowledge"]);
      // Reached through the proxy only.
      expect(app.ports ?? []).toEqual([]);
    }
  });

  it("keeps /metrics and /readyz off the public proxy", () => {
    const { configs } = config();
    expect(configs.lb!.content).toMatch(/location = \/metrics \{ return 404; \}/);
    expect(configs.lb!.content).toMatch(/location = \/readyz \{ return 404; \}/);
  });
});
