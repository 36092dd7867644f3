import type { Clock } from "../clock.js";
import type { SandboxConfig } from "../config.js";
import { CloudDatabasesStore } from "./store.js";

/** How a store finds the other regions' stores, to copy backups there. */
export interface RegionDirectory {
  region(name: string): CloudDatabasesStore | undefined;
}

/**
 * The Cloud Databases regions of the sandbox, one store each: a region's instances, backups and schedules
 * are its own, as on the real service where each region has its own endpoint. Backups move between them
 * only as copies (copyBackup, `copy_to`).
 */
export class CloudDatabasesRegions implements RegionDirectory {
  readonly #stores = new Map<string, CloudDatabasesStore>();
  readonly home: CloudDatabasesStore;

  constructor(clock: Clock, config: SandboxConfig) {
    for (const name of config.regions) this.#stores.set(name, new CloudDatabasesStore(clock, config, name, this));
    const home = this.#stores.get(config.homeRegion);
    if (!home) throw new Error(`the home region ${config.homeRegion} is not one of the regions ${config.regions.join(", ")}`);
    this.home = home;
  }

  region(name: string): CloudDatabasesStore | undefined {
    return this.#stores.get(name);
  }

  get names(): string[] {
    return [...this.#stores.keys()];
  }

  /** Every region's schedules, copies and deletions due by now (before each request: a copy lands in another region). */
  catchUp(): void {
    for (const store of this.#stores.values()) store.catchUp();
  }

  reset(): void {
    for (const store of this.#stores.values()) store.reset();
  }
}
