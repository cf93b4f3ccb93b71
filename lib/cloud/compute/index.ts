export * from "./instance-states";
export * from "./scheduler";
export * from "./no-valid-host";
export * from "./flavors";
export * from "./power-sync";
export * from "./console-log";
export * from "./extra-specs-ops";
export * from "./launchable";
