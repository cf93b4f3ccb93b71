export * from "./clock";
export * from "./random";
export * from "./errors";
