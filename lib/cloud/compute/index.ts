export * from "./instance-states";
export * from "./scheduler";
export * from "./no-valid-host";
export * from "./flavors";
